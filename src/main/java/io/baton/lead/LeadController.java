package io.baton.lead;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Validated
@RequestMapping(path = "/api/leads", produces = MediaType.APPLICATION_JSON_VALUE)
class LeadController {

    private final LeadIntake intake;
    private final LeadRepository leads;
    private final LeadStopper stopper;
    private final LeadAccess access;
    private final Consents consents;
    private final LeadActivity activity;

    LeadController(LeadIntake intake, LeadRepository leads, LeadStopper stopper, LeadAccess access, Consents consents,
                   LeadActivity activity) {
        this.activity = activity;
        this.intake = intake;
        this.leads = leads;
        this.stopper = stopper;
        this.access = access;
        this.consents = consents;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LeadView> capture(@Valid @RequestBody LeadRequest request, Authentication who) {
        LeadIntake.Captured captured = intake.capture(request);
        if (!captured.created()) {
            if (!access.mayRead(captured.lead(), who)) {
                throw duplicateHidden(request, captured.lead());
            }
            return ResponseEntity.ok(LeadView.of(captured.lead()));
        }
        LeadView view = LeadView.of(captured.lead());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(view.id()).toUri();
        return ResponseEntity.created(location).body(view);
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    LeadView get(@PathVariable String id, Authentication who) {
        Lead lead = access.require(id, who);
        List<Lead> account = lead.getAccountDomain() == null ? List.of()
                : leads.findByAccountDomainAndStatusAndIdNotOrderByCreatedAtAscIdAsc(lead.getAccountDomain(), LeadStatus.OPEN, id);
        Set<String> ids = new HashSet<>(account.stream().map(Lead::getId).toList());
        if (lead.getRouting() != null && lead.getRouting().accountLeadId() != null) {
            ids.add(lead.getRouting().accountLeadId());
        }
        // The company's other leads only as far as this reader may read them (LeadAccess), like any lead.
        Set<String> readable = access.readable(ids, who);
        return LeadView.of(lead, consents.latest(id), readable, lead.getAccountDomain() == null ? null
                : account.stream().filter(other -> readable.contains(other.getId())).map(LeadView.AccountLead::of).toList(),
                activity.of(id));
    }

    @GetMapping
    @Transactional(readOnly = true)
    Page<LeadView> list(@RequestParam(required = false) String owner,
                        @RequestParam(required = false) LeadStatus status,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                        Authentication who) {
        if (!LeadAccess.oversees(who)) {
            // Reps list their own leads.
            owner = who.getName();
        }
        return leads.search(owner, status, PageRequest.of(page, size, Sort.by("createdAt").descending()))
                .map(LeadView::of);
    }

    @PostMapping("/{id}/unsubscribe")
    LeadView unsubscribe(@PathVariable String id, Authentication who) {
        access.requireClose(id, LeadLifecycle.MESSAGE_UNSUBSCRIBED, who);
        return LeadView.of(stopper.stop(id, LeadLifecycle.MESSAGE_UNSUBSCRIBED));
    }

    @PostMapping("/{id}/lost")
    LeadView lost(@PathVariable String id, Authentication who) {
        access.requireClose(id, LeadLifecycle.MESSAGE_LOST, who);
        return LeadView.of(stopper.stop(id, LeadLifecycle.MESSAGE_LOST));
    }

    /**
     * A duplicate of a lead the caller may not read: the answer says only which of the caller's own
     * fields collided, nothing of the lead (not its id, owner or status).
     */
    private static ErrorResponseException duplicateHidden(LeadRequest request, Lead existing) {
        String field = request.externalId() != null && request.externalId().equals(existing.getExternalId()) ? "externalId" : "email";
        String message = "is already held by a lead you may not read";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, field + ": " + message);
        problem.setTitle("Duplicate lead");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
