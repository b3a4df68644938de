package io.baton.escalation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EscalationRepository extends JpaRepository<Escalation, Long> {

    Optional<Escalation> findByBreachIdAndLevel(String breachId, int level);

    List<Escalation> findByLeadIdOrderByCreatedAtAscIdAsc(String leadId);

    long countByLeadId(String leadId);
}
