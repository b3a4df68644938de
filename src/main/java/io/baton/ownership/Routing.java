package io.baton.ownership;

import org.springframework.stereotype.Component;

/**
 * Picks one named person of a team: weighted round-robin by capacity over those who can take
 * work (lowest routed count relative to capacity first); when nobody can, the team's named
 * manager. Never a pool, never null.
 */
@Component("routing")
public class Routing {

    private final RoutingTickets tickets;
    private final TeamDirectory directory;

    Routing(RoutingTickets tickets, TeamDirectory directory) {
        this.tickets = tickets;
        this.directory = directory;
    }

    public String nextOwner(String team) {
        return tickets.take(team)
                .or(() -> directory.teamManager(team))
                // A team always has a manager (not null in the directory): only a team that does not exist gets here.
                .orElseThrow(() -> new NoTeamException(team));
    }
}
