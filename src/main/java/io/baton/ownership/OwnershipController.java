package io.baton.ownership;

import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OwnershipController {

    record PeriodView(String owner, Instant from, Instant to, String reason, String actor) {
    }

    private final OwnershipLedger ledger;
    private final OwnershipHealth health;

    OwnershipController(OwnershipLedger ledger, OwnershipHealth health) {
        this.ledger = ledger;
        this.health = health;
    }

    @GetMapping(path = "/api/leads/{id}/ownership", produces = MediaType.APPLICATION_JSON_VALUE)
    List<PeriodView> ownership(@PathVariable String id) {
        return ledger.history(id).stream()
                .map(p -> new PeriodView(p.getOwner(), p.getValidFrom(), p.getValidTo(), p.getReason(), p.getActor()))
                .toList();
    }

    @GetMapping(path = "/api/health/ownership", produces = MediaType.APPLICATION_JSON_VALUE)
    OwnershipHealth.Report health() {
        return health.measure();
    }
}
