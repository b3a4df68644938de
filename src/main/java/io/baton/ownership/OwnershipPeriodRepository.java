package io.baton.ownership;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface OwnershipPeriodRepository extends JpaRepository<OwnershipPeriod, Long> {

    Optional<OwnershipPeriod> findByOpenLeadId(String leadId);

    List<OwnershipPeriod> findByLeadIdOrderByValidFromAscIdAsc(String leadId);
}
