package io.baton.insight;

import io.baton.escalation.EscalationLadder;
import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadCard;
import io.baton.ownership.ReportingLineChanged;
import io.baton.ownership.TeamMembersJoined;
import io.baton.system.BatonGroups;
import io.baton.system.SystemCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tasklist opens on each person's own work. Filters that only need "me" are shared: one filter per
 * purpose, its query resolved per viewer by {@code ${currentUser()}}, readable by everyone (or by
 * managers) through a filter authorization, so a person added later sees them at first login.
 * "My team's work" cannot be an expression (the directory is Baton's, not the engine's): each
 * manager owns one whose assignee list is resolved from the directory and refreshed by the
 * reconcile, which runs at start-up and periodically. The reconcile holds a database row lock, so
 * two nodes never create a filter twice; it only ever creates or corrects Baton's filters,
 * recognised by the {@value #MARKER} property, and leaves everybody else's alone.
 */
@Component
class TasklistFilters {

    static final String MARKER = "batonFilter";
    static final String MY_LEADS = "My leads";
    static final String OVERDUE = "Overdue";
    static final String AWAITING_ACCEPTANCE = "Handoffs awaiting my acceptance";
    static final String ESCALATIONS = "Escalations to me";
    static final String TEAM = "My team's work";
    /** Never a user id: keeps a team filter of a manager without reports empty instead of unfiltered. */
    static final String NOBODY = "-nobody-";

    private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);
    private static final String ME = "${currentUser()}";

    record Shared(String key, String name, int priority, String description, String readableBy, Supplier<TaskQuery> query) {
    }

    public record Result(int created, int updated, int removed) {
    }

    private final FilterService filterService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final JdbcTemplate jdbc;
    private final SystemCommands system;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separate;
    private final List<Shared> shared;

    TasklistFilters(FilterService filterService, TaskService taskService, IdentityService identityService,
                    AuthorizationService authorizationService, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                    SystemCommands system) {
        this.system = system;
        this.filterService = filterService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.separate = new TransactionTemplate(transactionManager);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.shared = List.of(
                new Shared("my-leads", MY_LEADS, -100, "Everything assigned to me, soonest due first", Authorization.ANY,
                        () -> mine().orderByDueDate().asc()),
                new Shared("overdue", OVERDUE, -90, "My tasks past their due date (SLA breached)", Authorization.ANY,
                        () -> mine().dueBeforeExpression("${now()}").orderByDueDate().asc()),
                new Shared("awaiting-acceptance", AWAITING_ACCEPTANCE, -80, "Handoffs I am the named receiver of",
                        Authorization.ANY, () -> mine().taskDefinitionKeyLike(HandoffProcess.TASK_ACCEPT + "%").orderByDueDate().asc()),
                new Shared("escalations", ESCALATIONS, -70, "Escalations waiting for my decision", BatonGroups.MANAGERS,
                        () -> mine().taskDefinitionKey(EscalationProcess.TASK_REVIEW).orderByDueDate().asc()));
    }

    private TaskQuery mine() {
        return taskService.createTaskQuery().taskAssigneeExpression(ME);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void atStart() {
        reconcileQuietly();
    }

    @Scheduled(initialDelayString = "${baton.insight.filter-sync:PT1M}", fixedDelayString = "${baton.insight.filter-sync:PT1M}")
    void periodically() {
        reconcileQuietly();
    }

    /** A manager left: "My team's work" of the successor lists the people they now manage, in the same transaction. */
    @EventListener
    void reportingLineChanged(ReportingLineChanged change) {
        // Filters and their grants are Baton's own work, whoever offboarded the manager.
        system.run(this::reconcile);
    }

    /**
     * People joined the directory from a team's group, or a member got another manager: "My team's
     * work" follows once that has committed, in a transaction of its own, so a failure here never
     * undoes the intake or the edit that caused it (the periodic run catches up).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void teamMembersJoined(TeamMembersJoined change) {
        try {
            separate.executeWithoutResult(status -> system.run(this::reconcile));
        } catch (RuntimeException e) {
            log.warn("Tasklist filter reconcile after {} failed; retrying on the next run", change, e);
        }
    }

    private void reconcileQuietly() {
        try {
            Result result = reconcile();
            if (result.created() + result.updated() + result.removed() > 0) {
                log.info("Tasklist filters reconciled: {}", result);
            }
        } catch (RuntimeException e) {
            // The next run catches up; a missing filter must not take the application down.
            log.warn("Tasklist filter reconcile failed; retrying on the next run", e);
        }
    }

    /** Brings Baton's filters in line with the identity service and the team directory. Idempotent. */
    public Result reconcile() {
        return transaction.execute(status -> {
            jdbc.queryForList("select name from baton_insight_lock where name = 'tasklist-filters' for update", String.class);
            int[] counts = new int[3];
            Map<String, Filter> ours = new HashMap<>();
            for (Filter filter : filterService.createFilterQuery().filterResourceType(EntityTypes.TASK).unlimitedList()) {
                Object marker = filter.getProperties() == null ? null : filter.getProperties().get(MARKER);
                if (marker != null) {
                    ours.put(marker + "|" + Objects.toString(filter.getOwner(), ""), filter);
                }
            }
            for (Shared spec : shared) {
                Filter filter = ensure(ours.remove(spec.key() + "|"), spec.key(), spec.name(), null, spec.priority(),
                        spec.description(), spec.query().get(), null, counts);
                grantRead(filter.getId(), spec.readableBy());
            }
            for (User manager : identityService.createUserQuery().memberOfGroup(BatonGroups.MANAGERS).unlimitedList()) {
                List<String> reports = reportsOf(manager.getId());
                String team = String.join(",", reports);
                TaskQuery query = taskService.createTaskQuery()
                        .taskAssigneeIn(reports.isEmpty() ? new String[] {NOBODY} : reports.toArray(String[]::new))
                        .orderByDueDate().asc();
                ensure(ours.remove("team|" + manager.getId()), "team", TEAM, manager.getId(), -60,
                        "Tasks of the people I manage: " + (team.isEmpty() ? "nobody yet" : team), query, team, counts);
            }
            // Team filters of people who are no longer managers; shared filters of a removed purpose.
            for (Filter stale : ours.values()) {
                filterService.deleteFilter(stale.getId());
                counts[2]++;
            }
            return new Result(counts[0], counts[1], counts[2]);
        });
    }

    private Filter ensure(Filter existing, String key, String name, String owner, int priority, String description, TaskQuery query,
                          String team, int[] counts) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("description", description);
        properties.put("refresh", true);
        // The task-local title every task carries (LeadCard): readable by whoever may read the task,
        // unlike the lead's process variables, which a rep's grant does not reach.
        properties.put("variables", List.of(Map.of("name", LeadCard.VAR_TITLE, "label", "Lead")));
        properties.put(MARKER, key);
        if (team != null) {
            properties.put("batonTeam", team);
        }
        if (existing == null) {
            Filter filter = filterService.newTaskFilter(name).setOwner(owner).setQuery(query).setProperties(properties);
            counts[0]++;
            return filterService.saveFilter(filter);
        }
        boolean stale = !name.equals(existing.getName()) || !sameProperties(existing.getProperties(), properties);
        if (stale) {
            existing.setName(name);
            existing.setQuery(query);
            existing.setProperties(properties);
            counts[1]++;
            return filterService.saveFilter(existing);
        }
        return existing;
    }

    /** Properties come back from the database as JSON-typed values in any map order; compare their normal form. */
    private static boolean sameProperties(Map<String, Object> stored, Map<String, Object> wanted) {
        return stored != null && normal(stored).equals(normal(wanted));
    }

    private static String normal(Object value) {
        if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, String>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), normal(v)));
            return sorted.toString();
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(TasklistFilters::normal).toList().toString();
        }
        return String.valueOf(value);
    }

    /**
     * Filter authorizations take effect once the engine checks authorizations; they are written
     * either way, so switching checks on does not hide the shared filters. Owned filters get their
     * owner's grant from the engine.
     */
    private void grantRead(String filterId, String readableBy) {
        boolean everyone = Authorization.ANY.equals(readableBy);
        var existing = authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(filterId);
        if (everyone ? existing.userIdIn(Authorization.ANY).count() > 0 : existing.groupIdIn(readableBy).count() > 0) {
            return;
        }
        Authorization grant = authorizationService.createNewAuthorization(everyone ? Authorization.AUTH_TYPE_GLOBAL : Authorization.AUTH_TYPE_GRANT);
        if (everyone) {
            grant.setUserId(Authorization.ANY);
        } else {
            grant.setGroupId(readableBy);
        }
        grant.setResource(Resources.FILTER);
        grant.setResourceId(filterId);
        grant.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(grant);
    }

    /** The people whose named manager is {@code manager}: their own manager, else their team's (as TeamDirectory.managerOf). */
    List<String> reportsOf(String manager) {
        return new ArrayList<>(jdbc.queryForList("""
                select m.user_id from baton_team_member m
                left join baton_team t on t.name = m.team
                where m.offboarded = false and m.user_id <> ? and coalesce(m.manager_id, t.manager_id) = ?
                order by m.user_id""", String.class, manager, manager));
    }
}
