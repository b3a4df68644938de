package io.baton.ownership;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CoverMoveRepository extends JpaRepository<CoverMove, Long> {

    /** The moves still held by covers for {@code absentUser}, in the order they were made. */
    @Query("select m from CoverMove m where m.absentUser = :absentUser and m.outcome is null order by m.id")
    List<CoverMove> findUnsettled(String absentUser);
}
