package io.baton.ownership;

import io.baton.system.BatonGroups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two statements that let a Camunda group drive the directory, in SQL so that routing can run
 * them on its own connection ({@link RoutingTickets}) and the reconcile in its transaction
 * ({@link TeamGroups}). Both only ever insert what is missing, so they are safe to run anywhere,
 * any number of times, also on two nodes at once: on PostgreSQL a row another node inserted first
 * is skipped ({@code on conflict do nothing}); on H2 the duplicate is refused and ignored.
 */
final class TeamGroupSql {

    /**
     * Members of team groups (groups that name a directory team) not in the directory yet, each with
     * the first such team by id, except a team they manage: its manager is its fallback, not a member.
     */
    private static final String UNJOINED = """
            select m.USER_ID_ as user_id, m.GROUP_ID_ as team
            from ACT_ID_MEMBERSHIP m join baton_team t on t.name = m.GROUP_ID_
            where t.manager_id <> m.USER_ID_
              and not exists (select 1 from baton_team_member d where d.user_id = m.USER_ID_)
              %s
            order by m.USER_ID_, m.GROUP_ID_""";

    private TeamGroupSql() {
    }

    /** Puts the missing members of team groups into the directory (of one team's group, or all); returns who joined. */
    static List<String> join(JdbcTemplate jdbc, boolean postgres, int capacity, String onlyGroup) {
        List<Map.Entry<String, String>> rows = onlyGroup == null
                ? jdbc.query(UNJOINED.formatted(""), (row, i) -> Map.entry(row.getString("user_id"), row.getString("team")))
                : jdbc.query(UNJOINED.formatted("and m.USER_ID_ in (select o.USER_ID_ from ACT_ID_MEMBERSHIP o where o.GROUP_ID_ = ?)"),
                        (row, i) -> Map.entry(row.getString("user_id"), row.getString("team")), onlyGroup);
        Map<String, String> firstTeam = new LinkedHashMap<>();
        rows.forEach(row -> firstTeam.putIfAbsent(row.getKey(), row.getValue()));
        List<String> joined = new ArrayList<>();
        firstTeam.forEach((userId, team) -> {
            // No manager of their own: they report to the team's manager, and follow it when the team's manager changes.
            if (insert(jdbc, postgres, """
                    insert into baton_team_member (user_id, team, manager_id, capacity, available, offboarded, routed_count, last_routed)
                    values (?, ?, null, ?, true, false, 0, 0)""", "user_id", userId, team, capacity)) {
                joined.add(userId);
            }
        });
        return joined;
    }

    /**
     * A group of type {@code WORKFLOW} that is no team yet becomes one when it has a manager: its first
     * member (by id) who is in the {@code managers} group. True when this call created the team.
     */
    static boolean createTeam(JdbcTemplate jdbc, boolean postgres, String group) {
        List<String> workflow = jdbc.queryForList("select ID_ from ACT_ID_GROUP where ID_ = ? and TYPE_ = ?", String.class,
                group, Groups.GROUP_TYPE_WORKFLOW);
        if (workflow.isEmpty()) {
            return false;
        }
        Optional<String> manager = firstManager(jdbc, group);
        return manager.isPresent()
                && insert(jdbc, postgres, "insert into baton_team (name, manager_id) values (?, ?)", "name", group, manager.get());
    }

    static Optional<String> firstManager(JdbcTemplate jdbc, String group) {
        return Optional.ofNullable(jdbc.queryForObject("""
                select min(m.USER_ID_) from ACT_ID_MEMBERSHIP m
                join ACT_ID_MEMBERSHIP g on g.USER_ID_ = m.USER_ID_ and g.GROUP_ID_ = ?
                where m.GROUP_ID_ = ?""", String.class, BatonGroups.MANAGERS, group));
    }

    private static boolean insert(JdbcTemplate jdbc, boolean postgres, String insert, String key, Object... values) {
        if (postgres) {
            return jdbc.update(insert + " on conflict (" + key + ") do nothing", values) == 1;
        }
        try {
            return jdbc.update(insert, values) == 1;
        } catch (DataIntegrityViolationException insertedMeanwhile) {
            return false;
        }
    }
}
