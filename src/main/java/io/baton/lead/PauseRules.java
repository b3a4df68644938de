package io.baton.lead;

import io.baton.system.BatonGroups;
import io.baton.system.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a "waiting on customer" pause must satisfy, whichever door it comes through: Baton's API
 * checks it before it sends {@code LeadPaused}, and the diagram's verb checks it again when the
 * message arrives from Camunda's REST API.
 */
@Component
public class PauseRules {

    public static final int MAX_REASON = 500;
    /** A pause longer than this is not waiting on a customer but parking a lead. */
    public static final Duration MAX_PAUSE = Duration.ofDays(30);

    private final ReportingLine directory;
    private final Clock clock;

    PauseRules(ReportingLine directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The problems of a pause request; empty when it may go ahead. */
    public List<Refusal.Problem> problems(Object reason, Object resumeBy) {
        List<Refusal.Problem> problems = new ArrayList<>();
        if (!(reason instanceof String text) || text.isBlank()) {
            problems.add(new Refusal.Problem("reason", "must not be blank"));
        } else if (text.strip().length() > MAX_REASON) {
            problems.add(new Refusal.Problem("reason", "must be at most " + MAX_REASON + " characters"));
        }
        Instant until = instant(resumeBy);
        Instant now = clock.instant();
        if (until == null) {
            problems.add(new Refusal.Problem(LeadLifecycle.VAR_RESUME_BY, "must be an ISO-8601 instant, e.g. 2026-05-04T09:00:00Z"));
        } else if (!until.isAfter(now)) {
            problems.add(new Refusal.Problem(LeadLifecycle.VAR_RESUME_BY, "must be in the future"));
        } else if (until.isAfter(now.plus(MAX_PAUSE))) {
            problems.add(new Refusal.Problem(LeadLifecycle.VAR_RESUME_BY, "must be at most " + MAX_PAUSE.toDays() + " days ahead"));
        }
        return problems;
    }

    /** The owner, a manager in the owner's reporting line, or an administrator. */
    public boolean mayPause(String user, Collection<String> groupIds, Lead lead) {
        return user != null && (user.equals(lead.getOwner()) || groupIds.contains(BatonGroups.ADMINS)
                || lead.getOwner() != null && directory.manages(user, lead.getOwner()));
    }

    /** A resume-by as the API, Camunda's REST API (String or Date variable) or a test sends it; null when it is none. */
    public static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
