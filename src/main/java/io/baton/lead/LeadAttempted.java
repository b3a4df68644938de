package io.baton.lead;

import java.time.Instant;

/**
 * Published inside the transaction that records a contact attempt. The first attempt is the lead's
 * first touch: the SLA clock and the metrics listen for it, so the lead feature needs neither.
 */
public record LeadAttempted(String leadId, String owner, String source, Instant capturedAt, Instant at, String channel,
                            boolean first) {
}
