package io.baton.lead;

import java.time.Instant;

record LeadView(String id, String externalId, String owner, LeadStatus status, String stage, String email,
                       String firstName, String lastName, String company, String country, String source,
                       Integer employees, Instant createdAt, Instant closedAt, String previousLeadId,
                       Reconsent reconsent) {

    /** The latest re-consent that lifted this lead's suppression. */
    public record Reconsent(String by, Instant at, String evidence) {
    }

    static LeadView of(Lead lead) {
        return of(lead, null);
    }

    static LeadView of(Lead lead, Reconsent reconsent) {
        return new LeadView(lead.getId(), lead.getExternalId(), lead.getOwner(), lead.getStatus(), lead.getStage(),
                lead.getEmail(), lead.getFirstName(), lead.getLastName(), lead.getCompany(), lead.getCountry(),
                lead.getSource(), lead.getEmployees(), lead.getCreatedAt(), lead.getClosedAt(), lead.getPreviousLeadId(),
                reconsent);
    }
}
