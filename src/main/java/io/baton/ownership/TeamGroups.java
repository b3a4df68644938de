package io.baton.ownership;

import io.baton.system.BatonGroups;
import io.baton.system.Databases;
import io.baton.system.SystemCommands;
import io.baton.system.WorkerGrants;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Camunda Admin is where people join teams: a team's group is a Camunda group whose id names a
 * directory team, or any group of type {@code WORKFLOW}, which becomes a team once one of its members
 * is in {@code managers} (the first such by id is its manager; {@code PUT /api/teams/{team}} changes it).
 * Camunda has no hook for identity changes, so this reconciles: at start, every
 * {@code baton.team.group-sync}, whenever the directory is read ({@code GET /api/team}), and for the
 * routed team at each routing decision ({@link RoutingTickets}). A member of a team's group who is not
 * in the directory joins it with {@code baton.team.default-capacity}, reporting to the team's manager,
 * and every team's group holds the Tasklist grants ({@link WorkerGrants}). It only ever adds; an
 * existing directory record, someone's team or capacity is never changed. Someone removed from the
 * group stops getting new work (routing skips them) but keeps their open work until offboarded.
 */
@Component
class TeamGroups {

    private static final Logger log = LoggerFactory.getLogger(TeamGroups.class);

    record Result(int teamsCreated, int membersJoined, int grantsCreated) {
    }

    /** How the directory's members stand in Camunda: their names, and who was taken out of their team's group. */
    record Standing(Map<String, String> names, Set<String> outsideTeamGroup) {
        String name(String userId) {
            return names.getOrDefault(userId, userId);
        }

        boolean inTeamGroup(TeamMember member) {
            return !outsideTeamGroup.contains(member.getUserId());
        }
    }

    private final IdentityService identityService;
    private final WorkerGrants workerGrants;
    private final SystemCommands system;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final TeamProperties properties;
    private final boolean postgres;

    TeamGroups(IdentityService identityService, WorkerGrants workerGrants, SystemCommands system, JdbcTemplate jdbc,
               PlatformTransactionManager transactionManager, ApplicationEventPublisher events, TeamProperties properties,
               DataSourceProperties dataSource) {
        this.identityService = identityService;
        this.workerGrants = workerGrants;
        this.system = system;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.events = events;
        this.properties = properties;
        this.postgres = Databases.isPostgres(dataSource);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        reconcileQuietly();
    }

    @Scheduled(initialDelayString = "${baton.team.group-sync:PT1M}", fixedDelayString = "${baton.team.group-sync:PT1M}")
    void periodically() {
        reconcileQuietly();
    }

    void reconcileQuietly() {
        try {
            Result result = reconcile();
            if (result.teamsCreated() + result.membersJoined() + result.grantsCreated() > 0) {
                log.info("Team groups reconciled: {}", result);
            }
        } catch (RuntimeException e) {
            // The next run, the next routing decision or the next read of the directory catches up.
            log.warn("Team group reconcile failed; retrying on the next run", e);
        }
    }

    /** Brings the directory and the teams' grants in line with Camunda's groups. Idempotent; one node at a time. */
    Result reconcile() {
        return transaction.execute(status -> system.run(() -> {
            jdbc.queryForList("select name from baton_team_lock where name = 'team-groups' for update", String.class);
            int teams = 0;
            int grants = 0;
            for (Group group : identityService.createGroupQuery().unlimitedList()) {
                boolean team = isTeam(group.getId());
                if (!team && Groups.GROUP_TYPE_WORKFLOW.equals(group.getType())) {
                    if (TeamGroupSql.createTeam(jdbc, postgres, group.getId())) {
                        teams++;
                        log.info("Group '{}' is a team now, managed by {}", group.getId(), TeamGroupSql.firstManager(jdbc, group.getId()).orElseThrow());
                    } else {
                        log.debug("Group '{}' has no member in '{}' yet to manage it; its members join routing once it has", group.getId(),
                                BatonGroups.MANAGERS);
                    }
                }
                if (team || Groups.GROUP_TYPE_WORKFLOW.equals(group.getType())) {
                    grants += workerGrants.ensure(group.getId());
                }
            }
            List<String> joined = TeamGroupSql.join(jdbc, postgres, properties.defaultCapacity(), null);
            if (!joined.isEmpty()) {
                log.info("Joined the team directory from their team's group: {}", joined);
                events.publishEvent(new TeamMembersJoined(joined));
            }
            return new Result(teams, joined.size(), grants);
        }));
    }

    Standing standing() {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select u.ID_, u.FIRST_, u.LAST_ from ACT_ID_USER u join baton_team_member m on m.user_id = u.ID_", row -> {
            String name = (Objects.toString(row.getString(2), "") + " " + Objects.toString(row.getString(3), "")).trim();
            names.put(row.getString(1), name.isEmpty() ? row.getString(1) : name);
        });
        Set<String> outside = new HashSet<>(jdbc.queryForList("""
                select m.user_id from baton_team_member m
                where exists (select 1 from ACT_ID_GROUP g where g.ID_ = m.team)
                  and not exists (select 1 from ACT_ID_MEMBERSHIP s where s.GROUP_ID_ = m.team and s.USER_ID_ = m.user_id)""", String.class));
        return new Standing(names, outside);
    }

    private boolean isTeam(String group) {
        Integer count = jdbc.queryForObject("select count(*) from baton_team where name = ?", Integer.class, group);
        return count != null && count > 0;
    }
}
