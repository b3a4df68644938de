package io.baton.lead;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AttemptRepository extends JpaRepository<Attempt, Long> {

    List<Attempt> findByLeadIdOrderByAttemptedAtAscIdAsc(String leadId);

    long countByLeadId(String leadId);
}
