package io.baton.insight;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.baton.lead.LeadLifecycle;
import io.baton.system.Databases;
import io.baton.system.EngineIndex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where work waits and who carries it. Every figure is one grouped SQL statement over Camunda's
 * runtime/history tables and Baton's evidence tables, so the cost grows with the number of steps
 * and people, not with the number of leads, and nothing calls the engine per row.
 */
@Service
class Reports {

    /** How bad a step looks: nothing open, all in time, some past due, at least half past due. */
    enum Severity { idle, ok, warning, critical;

        static Severity of(long open, long breached) {
            if (open == 0) {
                return idle;
            }
            if (breached == 0) {
                return ok;
            }
            return breached * 2 >= open ? critical : warning;
        }
    }

    record Bottleneck(String activityId, String name, String processKey, long open, long oldestAgeSeconds,
                      long medianAgeSeconds, long breached, long escalations, Severity severity) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OwnerLoad(String owner, long openLeads, long openTasks, long overdue, long escalations,
                     Long medianFirstTouchLagSeconds, long handoffsRejected) {
    }

    record StalledLead(String leadId, String company, String email, String owner, String activityId, String assignee,
                       Instant due, long overdueSeconds) {
    }

    private static final String PROCESS_KEYS = UserTasks.PROCESS_KEYS.stream().map(key -> "'" + key + "'")
            .collect(Collectors.joining(","));

    /**
     * Open tasks by step and age, carrying due date, definition and assignee: the bottleneck and
     * owner reports read it instead of the table (bench/README.md: the bottleneck query at 100,000
     * open leads 150–175 ms → 35–55 ms; the owner query 121 ms → about 20 ms).
     */
    static final EngineIndex TASK_AGE_INDEX = new EngineIndex("BATON_TASK_STEP_AGE", "ACT_RU_TASK",
            "TASK_DEF_KEY_, CREATE_TIME_, DUE_DATE_, PROC_DEF_ID_, ASSIGNEE_", "bottleneck and owner reports");

    private final JdbcTemplate jdbc;
    private final UserTasks userTasks;
    private final Clock clock;
    private final boolean postgres;

    Reports(JdbcTemplate jdbc, UserTasks userTasks, Clock clock, DataSourceProperties dataSource) {
        this.jdbc = jdbc;
        this.userTasks = userTasks;
        this.clock = clock;
        this.postgres = Databases.isPostgres(dataSource);
    }

    private record Open(String processKey, long open, Instant oldest, Instant median, long breached) {
    }

    @Transactional(readOnly = true)
    public List<Bottleneck> bottlenecks() {
        Instant now = clock.instant();
        Map<String, Open> open = new HashMap<>();
        // PostgreSQL reads the open tasks from the task-age index (TASK_AGE_INDEX) in step and
        // creation order, so the median sorts nothing. Median age = age of the median creation
        // time; percentile_disc works on timestamps on H2 and PostgreSQL alike.
        overOpenTasks("""
                select t.TASK_DEF_KEY_ as activity_id, min(t.PROC_DEF_ID_) as definition, count(*) as open_tasks,
                       min(t.CREATE_TIME_) as oldest,
                       percentile_disc(0.5) within group (order by t.CREATE_TIME_ desc) as median_created,
                       sum(case when t.DUE_DATE_ < ? then 1 else 0 end) as breached
                from ACT_RU_TASK t
                where t.PROC_DEF_ID_ in (%s)
                group by t.TASK_DEF_KEY_""", now,
                (rs, keyOfDefinition) -> open.put(rs.getString("activity_id"), new Open(keyOfDefinition.get(rs.getString("definition")),
                        rs.getLong("open_tasks"), instant(rs, "oldest"), instant(rs, "median_created"), rs.getLong("breached"))));
        Map<String, Long> escalations = counts("select escalated_task as k, count(*) as n from baton_escalation group by escalated_task");

        List<Bottleneck> result = new ArrayList<>();
        for (UserTasks.Step step : userTasks.steps()) {
            if (result.stream().noneMatch(b -> b.activityId().equals(step.activityId()))) {
                result.add(bottleneck(step.activityId(), step.name(), step.processKey(), open.remove(step.activityId()),
                        escalations.getOrDefault(step.activityId(), 0L), now));
            }
        }
        // Steps only older diagram versions still have open work in.
        open.forEach((activityId, o) -> result.add(bottleneck(activityId, activityId, o.processKey(), o,
                escalations.getOrDefault(activityId, 0L), now)));
        return result;
    }

    private static Bottleneck bottleneck(String activityId, String name, String processKey, Open o, long escalations, Instant now) {
        if (o == null) {
            return new Bottleneck(activityId, name, processKey, 0, 0, 0, 0, escalations, Severity.idle);
        }
        return new Bottleneck(activityId, name, processKey, o.open(), ageSeconds(o.oldest(), now), ageSeconds(o.median(), now),
                o.breached(), escalations, Severity.of(o.open(), o.breached()));
    }

    @Transactional(readOnly = true)
    public List<OwnerLoad> owners() {
        Instant now = clock.instant();
        Map<String, Long> openLeads = counts("select owner as k, count(*) as n from baton_lead where status = 'OPEN' and owner is not null group by owner");
        Map<String, long[]> tasks = new HashMap<>();
        // Same index as the bottlenecks, read whole: it carries assignee and due date.
        overOpenTasks("""
                select t.ASSIGNEE_ as k, count(*) as n, sum(case when t.DUE_DATE_ < ? then 1 else 0 end) as overdue
                from ACT_RU_TASK t
                where t.PROC_DEF_ID_ in (%s) and t.ASSIGNEE_ is not null
                group by t.ASSIGNEE_""", now,
                (rs, keyOfDefinition) -> tasks.put(rs.getString("k"), new long[] {rs.getLong("n"), rs.getLong("overdue")}));
        Map<String, Long> escalations = counts("select reviewer as k, count(*) as n from baton_escalation group by reviewer");
        Map<String, Long> rejected = counts("select actor as k, count(*) as n from baton_handoff_event where kind = 'REJECTED' group by actor");
        Map<String, Long> firstTouch = new HashMap<>();
        // First touch = the first completion of the lead's qualifyLead, measured from the start of its
        // lifecycle (started in the transaction that captured the lead); both stamps are the engine's.
        jdbc.query("""
                select q.ASSIGNEE_ as k,
                       percentile_cont(0.5) within group (order by
                           cast(extract(epoch from q.END_TIME_) - extract(epoch from p.START_TIME_) as double precision)) as lag
                from ACT_HI_TASKINST q
                join ACT_HI_PROCINST p on p.ID_ = q.PROC_INST_ID_
                where q.TASK_DEF_KEY_ = ? and q.END_TIME_ is not null and q.DELETE_REASON_ = 'completed'
                  and q.ASSIGNEE_ is not null and p.PROC_DEF_KEY_ = ?
                  and not exists (select 1 from ACT_HI_TASKINST e
                                  where e.PROC_INST_ID_ = q.PROC_INST_ID_ and e.TASK_DEF_KEY_ = q.TASK_DEF_KEY_
                                    and e.DELETE_REASON_ = 'completed' and e.END_TIME_ < q.END_TIME_)
                group by q.ASSIGNEE_""",
                rs -> {
                    firstTouch.put(rs.getString("k"), Math.round(rs.getDouble("lag")));
                }, LeadLifecycle.TASK_QUALIFY_LEAD, LeadLifecycle.KEY);
        List<String> members = jdbc.queryForList("select user_id from baton_team_member where offboarded = false", String.class);

        TreeMap<String, OwnerLoad> result = new TreeMap<>();
        Function<String, OwnerLoad> row = owner -> {
            long[] t = tasks.getOrDefault(owner, new long[2]);
            return new OwnerLoad(owner, openLeads.getOrDefault(owner, 0L), t[0], t[1], escalations.getOrDefault(owner, 0L),
                    firstTouch.get(owner), rejected.getOrDefault(owner, 0L));
        };
        for (var names : List.of(members, openLeads.keySet(), tasks.keySet(), escalations.keySet(), rejected.keySet(), firstTouch.keySet())) {
            names.forEach(owner -> result.computeIfAbsent(owner, row));
        }
        return List.copyOf(result.values());
    }

    /** Leads whose open work is past due, most overdue first, with the person accountable for the lead. */
    @Transactional(readOnly = true)
    public List<StalledLead> stalled(int limit) {
        Instant now = clock.instant();
        return jdbc.query("""
                select l.id, l.company, l.email, l.owner, t.TASK_DEF_KEY_ as activity_id, t.ASSIGNEE_ as assignee, t.DUE_DATE_ as due
                from ACT_RU_TASK t
                join ACT_RU_EXECUTION pi on pi.ID_ = t.PROC_INST_ID_
                join baton_lead l on l.id = pi.BUSINESS_KEY_
                where t.DUE_DATE_ < ? and l.status = 'OPEN'
                order by t.DUE_DATE_, l.id
                fetch first %d rows only""".formatted(Math.max(1, Math.min(limit, 1000))),
                (rs, i) -> {
                    Instant due = instant(rs, "due");
                    return new StalledLead(rs.getString("id"), rs.getString("company"), rs.getString("email"), rs.getString("owner"),
                            rs.getString("activity_id"), rs.getString("assignee"), due, ageSeconds(due, now));
                }, Timestamp.from(now));
    }

    /** One row of a query over open tasks, with the definitions it ran for (id → key). */
    private interface OpenTaskRow {
        void accept(ResultSet rs, Map<String, String> keyOfDefinition) throws SQLException;
    }

    /**
     * Runs a grouped query over the open tasks of Baton's definitions: its first {@code ?} is now,
     * its {@code %s} the definitions' ids.
     */
    private void overOpenTasks(String sql, Instant now, OpenTaskRow row) {
        Map<String, String> keyOfDefinition = definitions();
        if (keyOfDefinition.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(now));
        args.addAll(keyOfDefinition.keySet());
        jdbc.query(sql.formatted(String.join(",", Collections.nCopies(keyOfDefinition.size(), "?"))),
                rs -> {
                    row.accept(rs, keyOfDefinition);
                }, args.toArray());
    }

    /**
     * Baton's process definitions, id → key, so report queries name definitions by id instead of
     * joining them: PostgreSQL then answers from {@link #TASK_AGE_INDEX} alone. Serial plans
     * too: on a small database host shared with the engine, starting parallel workers for a
     * sub-second aggregate costs more than it saves (owner query 63 ms parallel, 20 ms serial).
     */
    private Map<String, String> definitions() {
        if (postgres) {
            jdbc.execute("set local max_parallel_workers_per_gather = 0");
        }
        Map<String, String> keyOfDefinition = new HashMap<>();
        jdbc.query("select ID_, KEY_ from ACT_RE_PROCDEF where KEY_ in (%s)".formatted(PROCESS_KEYS),
                rs -> {
                    keyOfDefinition.put(rs.getString("ID_"), rs.getString("KEY_"));
                });
        return keyOfDefinition;
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString("k"), rs.getLong("n"));
        });
        return counts;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static long ageSeconds(Instant since, Instant now) {
        return since == null ? 0 : Math.max(0, Duration.between(since, now).getSeconds());
    }
}
