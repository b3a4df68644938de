package io.baton.ownership;

import io.baton.lead.TaskFacts;
import java.util.Collections;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ownership invariant, measured against what the engine actually holds: Baton's ledger and
 * Camunda's task assignees are compared in the database, so drift between them shows up here.
 */
@Service
public class OwnershipHealth {

    public record Report(long openLeads, long leadsWithoutOwner, long unassignedTasks, long ownerMismatches) {
    }

    private final JdbcTemplate jdbc;
    private final TaskFacts facts;

    OwnershipHealth(JdbcTemplate jdbc, TaskFacts facts) {
        this.jdbc = jdbc;
        this.facts = facts;
    }

    @Transactional(readOnly = true)
    public Report measure() {
        long openLeads = count("select count(*) from baton_lead where status = 'OPEN'");
        // Joins on unique keys, not correlated subqueries: one pass at 100,000 leads. An owner or
        // assignee who is nobody (no Camunda user of that id) counts as none.
        long withoutOwner = count("""
                select count(*) from baton_lead l
                left join baton_ownership_period p on p.open_lead_id = l.id and p.owner = l.owner
                left join ACT_ID_USER u on u.ID_ = l.owner
                where l.status = 'OPEN' and (p.id is null or u.ID_ is null)""");
        long unassigned = count("""
                select count(*) from ACT_RU_TASK t left join ACT_ID_USER u on u.ID_ = t.ASSIGNEE_
                where t.ASSIGNEE_ is null or u.ID_ is null""");
        // Owner tasks are what the deployed diagrams mark (lead.owner = true), not a list in Java.
        Set<String> ownerTasks = facts.ownerTaskKeys();
        long mismatches = ownerTasks.isEmpty() ? 0 : count("""
                select count(*) from ACT_RU_TASK t
                join ACT_RU_EXECUTION pi on pi.ID_ = t.PROC_INST_ID_
                join baton_lead l on l.id = pi.BUSINESS_KEY_
                where t.TASK_DEF_KEY_ in (%s) and (l.owner is null or t.ASSIGNEE_ is null or t.ASSIGNEE_ <> l.owner)"""
                .formatted(String.join(",", Collections.nCopies(ownerTasks.size(), "?"))), ownerTasks.toArray());
        return new Report(openLeads, withoutOwner, unassigned, mismatches);
    }

    private long count(String sql, Object... arguments) {
        Long value = jdbc.queryForObject(sql, Long.class, arguments);
        return value == null ? 0 : value;
    }
}
