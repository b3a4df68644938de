package io.baton.lead;

import java.util.Set;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Contact attempts and "waiting on customer": the owner's own account of the lead's first touch and of its waits. */
@RestController
@RequestMapping(path = "/api/leads/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
class AttemptController {

    static final int MAX_NOTE = 1000;

    record AttemptRequest(@NotNull @Pattern(regexp = "call|email|meeting|social", message = "must be one of call, email, meeting, social")
                          String channel,
                          @PlainText @Size(max = MAX_NOTE) String note) {
    }

    record PauseRequest(@PlainText @NotBlank @Size(max = PauseRules.MAX_REASON) String reason, @NotNull Instant resumeBy) {
    }

    private final Attempts attempts;
    private final Pauses pauses;
    private final LeadActivity activity;

    AttemptController(Attempts attempts, Pauses pauses, LeadActivity activity) {
        this.attempts = attempts;
        this.pauses = pauses;
        this.activity = activity;
    }

    @PostMapping(path = "/attempts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    LeadView attempt(@PathVariable String id, @Valid @RequestBody AttemptRequest request, Authentication who) {
        return view(attempts.record(id, who, request.channel(), request.note()));
    }

    @PostMapping(path = "/pause", consumes = MediaType.APPLICATION_JSON_VALUE)
    LeadView pause(@PathVariable String id, @Valid @RequestBody PauseRequest request, Authentication who) {
        return view(pauses.pause(id, who, request.reason(), request.resumeBy()));
    }

    @PostMapping("/resume")
    LeadView resume(@PathVariable String id, Authentication who) {
        return view(pauses.resume(id, who));
    }

    private LeadView view(Lead lead) {
        return LeadView.of(lead, null, Set.of(), null, activity.of(lead.getId()));
    }
}
