package io.baton.insight;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadCard;
import io.baton.lead.LeadLifecycle;
import io.baton.system.Databases;
import io.baton.system.EngineIndex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
                     Long medianFirstTouchLagSeconds, long handoffsRejected, long lapses, long pausedLeads, long pausedSeconds) {
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
        Map<String, Long> lapses = lapses(Instant.EPOCH);
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
        // Waiting on the customer, apart from working time: open leads of the owner paused now, and all
        // the time the owner's open leads have waited (an open pause counts up to now).
        Map<String, long[]> paused = new HashMap<>();
        jdbc.query("""
                select l.owner as k, p.since, p.resumed_at
                from baton_lead_pause p join baton_lead l on l.id = p.lead_id
                where l.status = 'OPEN' and l.owner is not null""", rs -> {
            Timestamp resumed = rs.getTimestamp("resumed_at");
            long[] sums = paused.computeIfAbsent(rs.getString("k"), k -> new long[2]);
            sums[0] += resumed == null ? 1 : 0;
            sums[1] += Math.max(0, Duration.between(rs.getTimestamp("since").toInstant(),
                    resumed == null ? now : resumed.toInstant()).toSeconds());
        });
        List<String> members = jdbc.queryForList("select user_id from baton_team_member where offboarded = false", String.class);

        TreeMap<String, OwnerLoad> result = new TreeMap<>();
        Function<String, OwnerLoad> row = owner -> {
            long[] t = tasks.getOrDefault(owner, new long[2]);
            long[] p = paused.getOrDefault(owner, new long[2]);
            return new OwnerLoad(owner, openLeads.getOrDefault(owner, 0L), t[0], t[1], escalations.getOrDefault(owner, 0L),
                    firstTouch.get(owner), rejected.getOrDefault(owner, 0L), lapses.getOrDefault(owner, 0L), p[0], p[1]);
        };
        for (var names : List.of(members, openLeads.keySet(), tasks.keySet(), escalations.keySet(), rejected.keySet(), firstTouch.keySet(),
                lapses.keySet())) {
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

    /** One person on the at-a-glance page: by name, with what is late, waiting and lapsed today. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record GlancePerson(String person, String name, long overdue, long handoffsWaiting, long breachesToday,
                        Long medianFirstTouchSeconds, long firstTouches) {
    }

    /** One open task of a lead, with the process instance Cockpit shows it in. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WaitingTask(String leadId, String lead, String processInstanceId, String processKey, String activityId,
                       String activityName, String assignee, String assigneeName, Instant since, Instant due,
                       long waitingSeconds, long overdueSeconds) {
    }

    record Glance(Instant asOf, String zone, Instant startOfDay, long breachesToday, List<GlancePerson> people,
                  List<WaitingTask> overdue, List<WaitingTask> handoffsWaiting) {
    }

    /** Rows per list on the at-a-glance page; the per-person counts are complete. */
    static final int GLANCE_ROWS = 200;

    /**
     * What a manager looks at first: open work past due and handoffs waiting for their receiver,
     * lead by lead; per person the same counts, the SLA breaches of today (since midnight in
     * {@code zone}) and the median first touch.
     */
    @Transactional(readOnly = true)
    public Glance today(ZoneId zone) {
        Instant now = clock.instant();
        Instant startOfDay = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        Map<String, Long> overdue = new HashMap<>();
        Map<String, Long> waiting = new HashMap<>();
        overOpenTasks("""
                select t.ASSIGNEE_ as k, sum(case when t.DUE_DATE_ < ? then 1 else 0 end) as overdue,
                       sum(case when t.TASK_DEF_KEY_ like '%s' then 1 else 0 end) as waiting
                from ACT_RU_TASK t
                where t.PROC_DEF_ID_ in (%%s) and t.ASSIGNEE_ is not null
                group by t.ASSIGNEE_""".formatted(ACCEPT_PATTERN.replace("%", "%%")), now,
                (rs, keyOfDefinition) -> {
                    overdue.put(rs.getString("k"), rs.getLong("overdue"));
                    waiting.put(rs.getString("k"), rs.getLong("waiting"));
                });
        Map<String, Long> breaches = lapses(startOfDay);
        Map<String, long[]> firstTouch = firstTouchFromRouting();
        Map<String, String> names = names();

        List<GlancePerson> people = new ArrayList<>();
        Set<String> everyone = new TreeSet<>(
                jdbc.queryForList("select user_id from baton_team_member where offboarded = false", String.class));
        everyone.addAll(overdue.keySet());
        everyone.addAll(breaches.keySet());
        everyone.addAll(firstTouch.keySet());
        for (String person : everyone) {
            long[] touch = firstTouch.get(person);
            people.add(new GlancePerson(person, names.getOrDefault(person, person), overdue.getOrDefault(person, 0L),
                    waiting.getOrDefault(person, 0L), breaches.getOrDefault(person, 0L),
                    touch == null ? null : touch[0], touch == null ? 0 : touch[1]));
        }
        people.sort(Comparator.comparingLong(GlancePerson::overdue).reversed()
                .thenComparing(Comparator.comparingLong(GlancePerson::breachesToday).reversed())
                .thenComparing(GlancePerson::name));
        long breachesToday = breaches.values().stream().mapToLong(Long::longValue).sum();
        return new Glance(now, zone.getId(), startOfDay, breachesToday, people,
                leadTasks("t.DUE_DATE_ < ?", "t.DUE_DATE_, t.ID_", now, names),
                leadTasks("t.TASK_DEF_KEY_ like '" + ACCEPT_PATTERN + "'", "t.CREATE_TIME_, t.ID_", null, names));
    }

    /** Receivers' tasks: the contract names every acceptance task by this prefix. */
    private static final String ACCEPT_PATTERN = HandoffProcess.TASK_ACCEPT + "%";

    /** Open tasks of open leads matching {@code condition} (its {@code ?}, if any, is {@code now}). */
    private List<WaitingTask> leadTasks(String condition, String order, Instant dueBefore, Map<String, String> names) {
        Instant now = clock.instant();
        Map<String, String> keyOfDefinition = definitions();
        if (keyOfDefinition.isEmpty()) {
            return List.of();
        }
        Map<String, String> stepNames = new HashMap<>();
        userTasks.steps().forEach(step -> stepNames.putIfAbsent(step.activityId(), step.name()));
        List<Object> args = new ArrayList<>(keyOfDefinition.keySet());
        if (dueBefore != null) {
            args.add(Timestamp.from(dueBefore));
        }
        // The task-local "title" is the lead's name as Tasklist shows it (lead.LeadCard).
        return jdbc.query("""
                select l.id, l.company, l.email, t.PROC_INST_ID_ as instance, t.PROC_DEF_ID_ as definition,
                       t.TASK_DEF_KEY_ as activity_id, t.ASSIGNEE_ as assignee, t.CREATE_TIME_ as created, t.DUE_DATE_ as due,
                       (select min(v.TEXT_) from ACT_RU_VARIABLE v where v.TASK_ID_ = t.ID_ and v.NAME_ = '%s') as title
                from ACT_RU_TASK t
                join ACT_RU_EXECUTION pi on pi.ID_ = t.PROC_INST_ID_
                join baton_lead l on l.id = pi.BUSINESS_KEY_
                where t.PROC_DEF_ID_ in (%s) and %s and l.status = 'OPEN'
                order by %s
                fetch first %d rows only""".formatted(LeadCard.VAR_TITLE,
                        String.join(",", Collections.nCopies(keyOfDefinition.size(), "?")), condition, order, GLANCE_ROWS),
                (rs, i) -> {
                    String title = rs.getString("title");
                    if (title == null || title.isBlank()) {
                        title = rs.getString("company") != null ? rs.getString("company") : rs.getString("email");
                    }
                    String activityId = rs.getString("activity_id");
                    String assignee = rs.getString("assignee");
                    Instant created = instant(rs, "created");
                    Instant due = instant(rs, "due");
                    return new WaitingTask(rs.getString("id"), title, rs.getString("instance"), keyOfDefinition.get(rs.getString("definition")),
                            activityId, stepNames.getOrDefault(activityId, activityId), assignee,
                            assignee == null ? null : names.getOrDefault(assignee, assignee), created, due,
                            ageSeconds(created, now), due != null && due.isBefore(now) ? ageSeconds(due, now) : 0);
                }, args.toArray());
    }

    /**
     * Escalations opened since {@code since}, counted against the person whose work lapsed: at
     * level 1 the assignee of the escalated work ({@code lapsed_by}); at a higher level the
     * reviewer of the level below, whose review lapsed ({@code lapsed_by} keeps naming the
     * original assignee on every level of a breach).
     */
    private Map<String, Long> lapses(Instant since) {
        Map<String, Long> lapses = new HashMap<>();
        jdbc.query("""
                select e.lapsed_by as k, count(*) as n from baton_escalation e
                where e.level = 1 and e.created_at >= ?
                group by e.lapsed_by
                union all
                select below.reviewer as k, count(*) as n from baton_escalation e
                join baton_escalation below on below.breach_id = e.breach_id and below.level = e.level - 1
                where e.level > 1 and e.created_at >= ?
                group by below.reviewer""",
                rs -> {
                    lapses.merge(rs.getString("k"), rs.getLong("n"), Long::sum);
                }, Timestamp.from(since), Timestamp.from(since));
        return lapses;
    }

    /**
     * First touch from routing, per person: from the creation of a lead's first {@code qualifyLead}
     * (routing hands the lead over with it) to the first completion of {@code qualifyLead} on that
     * lead, attributed to whoever completed it. Person → {median seconds, count}.
     */
    private Map<String, long[]> firstTouchFromRouting() {
        Map<String, long[]> result = new HashMap<>();
        jdbc.query("""
                select q.ASSIGNEE_ as k, count(*) as n,
                       percentile_cont(0.5) within group (order by
                           cast(extract(epoch from q.END_TIME_) - extract(epoch from f.START_TIME_) as double precision)) as lag
                from ACT_HI_TASKINST q
                join ACT_HI_TASKINST f on f.PROC_INST_ID_ = q.PROC_INST_ID_ and f.TASK_DEF_KEY_ = q.TASK_DEF_KEY_
                where q.TASK_DEF_KEY_ = ? and q.PROC_DEF_KEY_ = ? and q.END_TIME_ is not null and q.DELETE_REASON_ = 'completed'
                  and q.ASSIGNEE_ is not null
                  and not exists (select 1 from ACT_HI_TASKINST e
                                  where e.PROC_INST_ID_ = q.PROC_INST_ID_ and e.TASK_DEF_KEY_ = q.TASK_DEF_KEY_
                                    and e.DELETE_REASON_ = 'completed' and e.END_TIME_ < q.END_TIME_)
                  and not exists (select 1 from ACT_HI_TASKINST e
                                  where e.PROC_INST_ID_ = f.PROC_INST_ID_ and e.TASK_DEF_KEY_ = f.TASK_DEF_KEY_
                                    and (e.START_TIME_ < f.START_TIME_ or (e.START_TIME_ = f.START_TIME_ and e.ID_ < f.ID_)))
                group by q.ASSIGNEE_""",
                rs -> {
                    result.put(rs.getString("k"), new long[] {Math.max(0, Math.round(rs.getDouble("lag"))), rs.getLong("n")});
                }, LeadLifecycle.TASK_QUALIFY_LEAD, LeadLifecycle.KEY);
        return result;
    }

    /**
     * Display names of Camunda's users ("Sam Sales-Dev"), read from the identity table: the
     * engine's user query would apply the reader's authorizations. One row per user, not per lead.
     */
    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select ID_, FIRST_, LAST_ from ACT_ID_USER", rs -> {
            String name = Stream.of(rs.getString("FIRST_"), rs.getString("LAST_"))
                    .filter(part -> part != null && !part.isBlank()).map(String::strip).collect(Collectors.joining(" "));
            names.put(rs.getString("ID_"), name.isEmpty() ? rs.getString("ID_") : name);
        });
        return names;
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
