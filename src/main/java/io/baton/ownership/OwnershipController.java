package io.baton.ownership;

import io.baton.lead.LeadAccess;
import io.baton.system.ManagersOrAdmin;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OwnershipController {

    /**
     * {@code closedReason} and {@code closedBy} say why and by whom the last period of a closed lead
     * ended; {@code pausedSeconds} is how much of the period the lead waited on its customer (its SLA
     * clock stood still), apart from the time the owner held it.
     */
    record PeriodView(String owner, Instant from, Instant to, LedgerReason reason, String actor, LedgerReason closedReason,
                      String closedBy, long pausedSeconds) {
    }

    private final OwnershipLedger ledger;
    private final OwnershipHealth health;
    private final LeadAccess access;

    OwnershipController(OwnershipLedger ledger, OwnershipHealth health, LeadAccess access) {
        this.ledger = ledger;
        this.health = health;
        this.access = access;
    }

    @GetMapping(path = "/api/leads/{id}/ownership", produces = MediaType.APPLICATION_JSON_VALUE)
    List<PeriodView> ownership(@PathVariable String id, Authentication who) {
        access.require(id, who);
        List<OwnershipLedger.Pause> pauses = ledger.pauses(id);
        return ledger.history(id).stream()
                .map(p -> new PeriodView(p.getOwner(), p.getValidFrom(), p.getValidTo(), p.getReason(), p.getActor(),
                        p.getClosedReason(), p.getClosedBy(), OwnershipLedger.pausedSeconds(pauses, p.getValidFrom(), p.getValidTo())))
                .toList();
    }

    @GetMapping(path = "/api/health/ownership", produces = MediaType.APPLICATION_JSON_VALUE)
    @ManagersOrAdmin
    OwnershipHealth.Report health() {
        return health.measure();
    }
}
