package io.baton.lead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reads a lead's contact attempts and pauses for its view. */
@Component
class LeadActivity {

    private final AttemptRepository attempts;
    private final LeadPauseRepository pauses;
    private final Clock clock;

    LeadActivity(AttemptRepository attempts, LeadPauseRepository pauses, Clock clock) {
        this.attempts = attempts;
        this.pauses = pauses;
        this.clock = clock;
    }

    LeadView.Activity of(String leadId) {
        List<LeadView.AttemptView> made = attempts.findByLeadIdOrderByAttemptedAtAscIdAsc(leadId).stream()
                .map(a -> new LeadView.AttemptView(a.getChannel(), a.getNote(), a.getActor(), a.getAttemptedAt())).toList();
        Instant now = clock.instant();
        List<LeadPause> all = pauses.findByLeadIdOrderBySinceAsc(leadId);
        long paused = all.stream().map(p -> p.pausedUntil(now)).reduce(Duration.ZERO, Duration::plus).toSeconds();
        LeadView.Paused open = all.stream().filter(LeadPause::isOpen).reduce((a, b) -> b)
                .map(p -> new LeadView.Paused(p.getReason(), p.getPausedBy(), p.getSince(), p.getResumeBy())).orElse(null);
        return new LeadView.Activity(made.isEmpty() ? null : made.get(0).at(), made, paused, open);
    }
}
