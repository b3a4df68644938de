package io.baton.ownership;

import io.baton.system.RetryOnConflict;
import io.baton.lead.Lead;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadStatus;
import java.util.List;
import io.baton.system.SystemCommands;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves all of a leaving person's open leads and tasks to a named successor, in one transaction. */
@Service
class Offboarding {

    public record Result(String userId, String successor, int leadsMoved, int tasksMoved) {
    }

    private final TeamDirectory directory;
    private final WorkTransfer transfer;
    private final LeadRepository leads;
    private final SystemCommands system;
    private final ApplicationEventPublisher events;

    Offboarding(TeamDirectory directory, WorkTransfer transfer, LeadRepository leads, SystemCommands system,
                ApplicationEventPublisher events) {
        this.events = events;
        this.directory = directory;
        this.transfer = transfer;
        this.leads = leads;
        this.system = system;
    }

    @RetryOnConflict
    @Transactional
    public Result offboard(String userId, String successor, String actor) {
        if (!directory.isKnown(userId)) {
            throw new UnknownPersonException("userId", userId);
        }
        if (successor == null || successor.isBlank()) {
            throw new UnknownPersonException("successor", String.valueOf(successor), "is required");
        }
        if (successor.equals(userId)) {
            throw new UnknownPersonException("successor", successor, "is the person being offboarded");
        }
        if (!directory.canTakeWork(successor)) {
            throw new UnknownPersonException("successor", successor);
        }
        directory.markOffboarded(userId);
        // A leaving manager's people, and their open reviews below, report to the successor.
        directory.repointReports(userId, successor);
        events.publishEvent(new ReportingLineChanged(userId, successor));
        LedgerReason reason = LedgerReason.OFFBOARDED;
        List<Lead> owned = leads.findByOwnerAndStatus(userId, LeadStatus.OPEN);
        // The caller's right to offboard was checked at the API; the engine work is Baton's own.
        int tasksMoved = system.run(() -> transfer.reassignAll(userId, successor, reason, actor));
        // Leads whose owner task moved are already recorded; the rest (e.g. waiting on a receiver) move here.
        system.run(() -> owned.forEach(lead -> transfer.moveOwnership(lead.getId(), successor, reason, actor)));
        return new Result(userId, successor, owned.size(), tasksMoved);
    }
}
