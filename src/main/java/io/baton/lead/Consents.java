package io.baton.lead;

import io.baton.system.RetryOnConflict;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Re-consent, the only way back for an unsubscribed contact: it lifts the suppression and records who
 * did it, when and on what evidence, in one transaction. The unsubscribed lead stays closed; the
 * contact's next capture starts a new lead linked to it.
 */
@Service
class Consents {

    private final LeadRepository leads;
    private final ConsentRepository consents;
    private final Clock clock;
    private final Suppressions suppressions;

    Consents(LeadRepository leads, ConsentRepository consents, Clock clock, Suppressions suppressions) {
        this.suppressions = suppressions;
        this.leads = leads;
        this.consents = consents;
        this.clock = clock;
    }

    @RetryOnConflict
    @Transactional
    public Lead reconsent(String leadId, String actor, String evidence) {
        Lead lead = leads.lockById(leadId).orElseThrow(() -> new LeadNotFoundException(leadId));
        if (lead.getStatus() != LeadStatus.UNSUBSCRIBED) {
            throw conflict("status", "is " + lead.getStatus() + "; only an UNSUBSCRIBED lead has a suppression to lift");
        }
        if (!lead.suppressesContact() && !suppressions.holding(lead.getEmail()).isEmpty()) {
            throw conflict("status", "is UNSUBSCRIBED because its contact is on the imported suppression list; lift that entry "
                    + "(DELETE /api/suppressions?email=… or ?domain=…) to let the contact back");
        }
        if (!lead.suppressesContact()) {
            throw conflict("status", "is UNSUBSCRIBED but its suppression was already lifted; a later lead of the contact may hold it now");
        }
        // Every lead keeping this address out lets go of it: leads unsubscribed before suppression was
        // remembered per lead may share one address, and one left behind would still turn the contact away.
        leads.findBySuppressedEmail(lead.getSuppressedEmail()).forEach(Lead::liftSuppression);
        consents.save(new Consent(leadId, lead.getEmail(), actor, evidence, clock.instant()));
        return lead;
    }

    @Transactional(readOnly = true)
    public LeadView.Reconsent latest(String leadId) {
        return consents.findFirstByLeadIdOrderByOccurredAtDescIdDesc(leadId)
                .map(c -> new LeadView.Reconsent(c.getActor(), c.getOccurredAt(), c.getEvidence())).orElse(null);
    }

    private static ErrorResponseException conflict(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, field + ": " + message);
        problem.setTitle("Nothing to re-consent");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
