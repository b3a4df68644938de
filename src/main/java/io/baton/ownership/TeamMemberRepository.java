package io.baton.ownership;

import jakarta.persistence.LockModeType;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface TeamMemberRepository extends JpaRepository<TeamMember, String> {

    /** Locks the team's rows so concurrent routing decisions see each other's counts. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from TeamMember m where m.team = ?1 order by m.userId")
    List<TeamMember> lockTeam(String team);

    List<TeamMember> findByTeamOrderByUserId(String team);
}
