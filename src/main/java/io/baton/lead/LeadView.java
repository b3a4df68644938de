package io.baton.lead;

import java.time.Instant;
import java.util.List;
import java.util.Set;

record LeadView(String id, String externalId, String owner, LeadStatus status, String stage, String email,
                       String firstName, String lastName, String company, String country, String source,
                       Integer employees, Instant createdAt, Instant closedAt, String previousLeadId,
                       Reconsent reconsent, Routing routing, List<AccountLead> accountLeads, Instant firstTouchAt,
                       List<AttemptView> attempts, Long pausedSeconds, Paused paused) {

    /** The latest re-consent that lifted this lead's suppression. */
    public record Reconsent(String by, Instant at, String evidence) {
    }

    /** Why the lead went where it did ({@link LeadRouting}); {@code account} when the lead's domain is a company's. */
    public record Routing(String team, String rule, String segment, LeadRouting.Reason reason, Account account) {
    }

    /** The company: its domain and, when it had an open lead at routing time, that lead's owner and id. */
    public record Account(String domain, String owner, String leadId) {
    }

    /** Another open lead of the same company. */
    public record AccountLead(String id, String owner, String stage, String firstName, String lastName, String company,
                              Instant createdAt) {
        static AccountLead of(Lead lead) {
            return new AccountLead(lead.getId(), lead.getOwner(), lead.getStage(), lead.getFirstName(), lead.getLastName(),
                    lead.getCompany(), lead.getCreatedAt());
        }
    }

    public record AttemptView(String channel, String note, String by, Instant at) {
    }

    /** Present while the lead waits on its customer. */
    public record Paused(String reason, String by, Instant since, Instant resumeBy) {
    }

    /** What the single-lead view adds: contact attempts and time spent waiting on the customer. */
    record Activity(Instant firstTouchAt, List<AttemptView> attempts, long pausedSeconds, Paused paused) {
    }

    static LeadView of(Lead lead) {
        return of(lead, null);
    }

    static LeadView of(Lead lead, Reconsent reconsent) {
        return of(lead, reconsent, Set.of(), null, null);
    }

    /**
     * The lead as one reader sees it: the account's lead behind the routing decision by id only when
     * {@code readable} holds it, {@code accountLeads} (the company's other open leads this reader
     * may read) and the activity (attempts, pauses), when given.
     */
    static LeadView of(Lead lead, Reconsent reconsent, Set<String> readable, List<AccountLead> accountLeads, Activity activity) {
        return new LeadView(lead.getId(), lead.getExternalId(), lead.getOwner(), lead.getStatus(), lead.getStage(),
                lead.getEmail(), lead.getFirstName(), lead.getLastName(), lead.getCompany(), lead.getCountry(),
                lead.getSource(), lead.getEmployees(), lead.getCreatedAt(), lead.getClosedAt(), lead.getPreviousLeadId(),
                reconsent, routing(lead, readable), accountLeads,
                activity == null ? null : activity.firstTouchAt(), activity == null ? null : activity.attempts(),
                activity == null ? null : activity.pausedSeconds(), activity == null ? null : activity.paused());
    }

    private static Routing routing(Lead lead, Set<String> readable) {
        LeadRouting decided = lead.getRouting();
        String domain = lead.getAccountDomain();
        Account account = domain == null && (decided == null || decided.accountOwner() == null) ? null
                : new Account(domain, decided == null ? null : decided.accountOwner(),
                        decided == null || decided.accountLeadId() == null || !readable.contains(decided.accountLeadId()) ? null : decided.accountLeadId());
        if (decided == null) {
            return account == null ? null : new Routing(null, null, null, null, account);
        }
        return new Routing(decided.team(), decided.rule(), decided.segment(), decided.reason(), account);
    }
}
