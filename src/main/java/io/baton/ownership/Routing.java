package io.baton.ownership;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Picks one named person of a team: among those who can take work (present, not offboarded, still
 * in the team's group when the team has one; see {@link TeamGroups}), the
 * one with the least open work relative to capacity — open assigned user tasks now, not leads
 * routed since start-up — ties to whoever was routed to least recently, then by user id. When
 * nobody can take work, the team's named manager. Never a pool, never null.
 */
@Component("routing")
public class Routing {

    private final RoutingTickets tickets;
    private final TeamDirectory directory;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    Routing(RoutingTickets tickets, TeamDirectory directory, JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.directory = directory;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Called inside the transaction that gives the chosen person the work (the lead's, the handoff's). */
    public String nextOwner(String team) {
        return tickets.take(team)
                .map(this::settle)
                .or(() -> directory.teamManager(team))
                // A team always has a manager (not null in the directory): only a team that does not exist gets here.
                .orElseThrow(() -> new NoTeamException(team));
    }

    /**
     * The ticket stops counting when the caller's transaction commits, the same instant its task
     * starts counting; if that transaction rolls back, the ticket stays and soon expires.
     */
    private String settle(RoutingTickets.Ticket ticket) {
        jdbc.update("delete from baton_routing_ticket where id = ?", ticket.id());
        if (!ticket.joined().isEmpty()) {
            // Rare: someone joined from the team's group on the way; their manager's views follow with this work.
            events.publishEvent(new TeamMembersJoined(ticket.joined()));
        }
        return ticket.userId();
    }
}
