package io.baton.handoff;

import io.baton.lead.LeadAccess;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HandoffController {

    record EventView(String handoff, HandoffEventKind kind, String actor, String answers, String missingItems, String reason,
                     String processDefinition, Instant at) {
    }

    private final HandoffEventRepository events;
    private final LeadAccess access;

    HandoffController(HandoffEventRepository events, LeadAccess access) {
        this.events = events;
        this.access = access;
    }

    @GetMapping(path = "/api/leads/{id}/handoffs", produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional(readOnly = true)
    List<EventView> handoffs(@PathVariable String id, Authentication who) {
        access.require(id, who);
        return events.findByLeadIdOrderByOccurredAtAscIdAsc(id).stream()
                .map(e -> new EventView(e.getHandoff(), e.getKind(), e.getActor(), e.getAnswers(), e.getMissingItems(), e.getReason(),
                        e.getProcessDefinition(), e.getOccurredAt()))
                .toList();
    }
}
