package io.baton.ownership;

import io.baton.lead.Lead;
import io.baton.lead.LeadRouting;
import io.baton.lead.LeadRouting.Reason;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Picks one named person of a team: among those who can take work (present, not offboarded, still
 * in the team's group when the team has one; see {@link TeamGroups}), the
 * one with the least open work relative to capacity — open assigned user tasks now, not leads
 * routed since start-up — ties to whoever was routed to least recently, then by user id. When
 * nobody can take work, the team's named manager. Never a pool, never null.
 *
 * <p>A lead's first routing also asks its account ({@link AccountMatch}): a company that already has
 * an open lead keeps its rep when that rep is present and in the chosen team.
 */
@Component("routing")
public class Routing {

    /** Whom the lead goes to, and why. */
    record Routed(String owner, LeadRouting decision) {
    }

    private final RoutingTickets tickets;
    private final TeamDirectory directory;
    private final JdbcTemplate jdbc;
    private final AccountMatch accounts;
    private final ApplicationEventPublisher events;

    Routing(RoutingTickets tickets, TeamDirectory directory, JdbcTemplate jdbc, AccountMatch accounts, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.directory = directory;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.events = events;
    }

    /** Called inside the transaction that gives the chosen person the work (the lead's, the handoff's). */
    public String nextOwner(String team) {
        return pick(team).owner();
    }

    /**
     * Routes a lead to a person of {@code team}, the team the routing table chose with {@code rule}
     * ({@code segment}): the account's owner when {@link AccountMatch} says so, else the usual pick.
     */
    Routed routeLead(Lead lead, String team, String rule, String segment) {
        Optional<AccountMatch.Verdict> account = accounts.consider(lead, team);
        if (account.isPresent() && account.get().owner().isPresent()) {
            AccountMatch.Holder holder = account.get().holder();
            return new Routed(holder.owner(), new LeadRouting(team, rule, segment, Reason.ACCOUNT_MATCH,
                    holder.owner(), holder.leadId()));
        }
        Routed usual = pick(team);
        return account.map(verdict -> new Routed(usual.owner(), new LeadRouting(team, rule, segment, verdict.reason(),
                        verdict.holder().owner(), verdict.holder().leadId())))
                .orElseGet(() -> new Routed(usual.owner(), new LeadRouting(team, rule, segment, usual.decision().reason(), null, null)));
    }

    /** A lead that is not decision-ready: the usual pick in the data steward's team. */
    Routed routeToSteward(String team) {
        return new Routed(pick(team).owner(), new LeadRouting(team, null, null, Reason.DATA_STEWARD, null, null));
    }

    private Routed pick(String team) {
        return tickets.take(team)
                .map(ticket -> new Routed(settle(ticket), new LeadRouting(team, null, null, Reason.RULE, null, null)))
                .or(() -> directory.teamManager(team)
                        .map(manager -> new Routed(manager, new LeadRouting(team, null, null, Reason.TEAM_MANAGER, null, null))))
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
