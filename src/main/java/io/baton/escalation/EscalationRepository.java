package io.baton.escalation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface EscalationRepository extends JpaRepository<Escalation, Long> {

    // JPQL for a cached plan (see OwnershipPeriodRepository): runs on every breach, climb and decision.
    @Query("select e from Escalation e where e.breachId = :breachId and e.level = :level")
    Optional<Escalation> findByBreachIdAndLevel(String breachId, int level);

    List<Escalation> findByLeadIdOrderByCreatedAtAscIdAsc(String leadId);

    long countByLeadId(String leadId);
}
