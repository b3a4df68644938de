package io.baton.escalation;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The open task a reminder or breach timer is about, read from the engine's task table in one
 * indexed statement. A {@code TaskQuery} answers the same, but assembles its SQL from Camunda's
 * whole task-query mapping on every call; with one reminder and one breach per open lead that was
 * a tenth of the job executor's CPU in an escalation storm (bench/README.md). Reading only, in the
 * job's transaction; every change to a task still goes through the engine.
 */
@Component
class WaitingWork {

    record Item(String id, String name, String assignee, Date due) {
    }

    private static final String COLUMNS = "t.ID_, t.NAME_, t.ASSIGNEE_, t.DUE_DATE_";

    private final JdbcTemplate jdbc;

    WaitingWork(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest open task with this key in any process instance of the lead (its lifecycle or a handoff). */
    Optional<Item> newest(String leadId, String taskKey) {
        return jdbc.query("""
                select %s from ACT_RU_TASK t join ACT_RU_EXECUTION p on p.ID_ = t.PROC_INST_ID_
                where p.BUSINESS_KEY_ = ? and t.TASK_DEF_KEY_ = ?
                order by t.CREATE_TIME_ desc, t.ID_ desc fetch first 1 rows only""".formatted(COLUMNS),
                (rs, i) -> item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4)), leadId, taskKey)
                .stream().findFirst();
    }

    /** The open tasks with this key in one process instance. */
    List<Item> in(String processInstanceId, String taskKey) {
        return jdbc.query("select %s from ACT_RU_TASK t where t.PROC_INST_ID_ = ? and t.TASK_DEF_KEY_ = ?".formatted(COLUMNS),
                (rs, i) -> item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4)), processInstanceId, taskKey);
    }

    private static Item item(String id, String name, String assignee, Timestamp due) {
        return new Item(id, name, assignee, due == null ? null : new Date(due.getTime()));
    }
}
