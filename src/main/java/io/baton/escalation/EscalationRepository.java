package io.baton.escalation;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface EscalationRepository extends JpaRepository<Escalation, Long> {

    // JPQL for a cached plan (see OwnershipPeriodRepository): runs on every breach, climb and decision.
    @Query("select e from Escalation e where e.breachId = :breachId and e.level = :level")
    Optional<Escalation> findByBreachIdAndLevel(String breachId, int level);

    /**
     * Opens the escalation of a breach at a level unless it is open already: one statement instead of
     * a lookup and an entity insert, on every breach and climb. 1 when it was opened now.
     */
    @Modifying
    @Query(value = """
            insert into baton_escalation (lead_id, breach_id, level, escalated_task, lapsed_by, reviewer, created_at)
            select :leadId, :breachId, :level, :escalatedTask, :lapsedBy, :reviewer, :createdAt
            where not exists (select 1 from baton_escalation where breach_id = :breachId and level = :level)""", nativeQuery = true)
    int openOnce(String leadId, String breachId, int level, String escalatedTask, String lapsedBy, String reviewer, Timestamp createdAt);

    /** Closes what is still open of one escalation instance's breaches (breach ids {@code <instance>#<round>}). */
    @Modifying
    @Query(value = """
            update baton_escalation set decision = :decision, decided_by = :actor, decided_at = :at
            where lead_id = :leadId and breach_id like :instancePrefix and decided_at is null""", nativeQuery = true)
    int closeOpen(String leadId, String instancePrefix, String decision, String actor, Timestamp at);

    List<Escalation> findByLeadIdOrderByCreatedAtAscIdAsc(String leadId);

    long countByLeadId(String leadId);
}
