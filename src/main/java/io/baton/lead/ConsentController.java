package io.baton.lead;

import io.baton.system.BatonGroups;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConsentController {

    record ReconsentRequest(@PlainText @NotBlank @Size(max = 2000) String evidence) {
    }

    private final Consents consents;
    private final LeadAccess access;

    ConsentController(Consents consents, LeadAccess access) {
        this.consents = consents;
        this.access = access;
    }

    /** Marketing, managers and admins: the people who answer for whom Baton contacts. */
    @PostMapping(path = "/api/leads/{id}/reconsent", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyAuthority('" + BatonGroups.MARKETING_AUTHORITY + "', '" + BatonGroups.MANAGERS_AUTHORITY + "', '"
            + BatonGroups.ADMINS_AUTHORITY + "')")
    LeadView reconsent(@PathVariable String id, @Valid @RequestBody ReconsentRequest request, Authentication who) {
        access.require(id, who);
        Lead lead = consents.reconsent(id, who.getName(), request.evidence());
        return LeadView.of(lead, consents.latest(id));
    }
}
