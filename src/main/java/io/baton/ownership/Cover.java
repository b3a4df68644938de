package io.baton.ownership;

import io.baton.system.RetryOnConflict;
import io.baton.system.SystemCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Availability and cover. Going away with a cover moves every open task of the absent person to the
 * cover as recorded transfers (ledger reason {@link LedgerReason#COVER}); each move is remembered so
 * that on return a task still at the step it was moved at, still with the cover, goes back
 * ({@link LedgerReason#COVER_RETURN}), while work the cover advanced stays theirs. Without a cover
 * the work stays where it is and its SLAs escalate as usual. Who may name a cover is the API's
 * question; this class checks that the cover can take the work.
 */
@Service
class Cover {

    record Result(TeamMember member, String cover, int tasksMoved, int tasksReturned, int tasksKept) {
    }

    private final TeamDirectory directory;
    private final WorkTransfer transfer;
    private final CoverMoveRepository moves;
    private final TaskService taskService;
    private final SystemCommands system;
    private final Clock clock;

    Cover(TeamDirectory directory, WorkTransfer transfer, CoverMoveRepository moves, TaskService taskService,
          SystemCommands system, Clock clock) {
        this.directory = directory;
        this.transfer = transfer;
        this.moves = moves;
        this.taskService = taskService;
        this.system = system;
        this.clock = clock;
    }

    @RetryOnConflict
    @Transactional
    public Result setAvailability(String userId, boolean available, String cover, String actor) {
        TeamMember member = directory.member(userId).orElseThrow(() -> new UnknownPersonException("userId", userId));
        if (cover != null) {
            requireCover(member, available, cover);
        }
        directory.setAvailable(userId, available);
        if (!available) {
            int moved = cover == null ? 0 : system.run(() -> handOver(userId, cover, actor));
            return new Result(member, cover, moved, 0, 0);
        }
        int[] settled = system.run(() -> takeBack(userId, actor));
        return new Result(member, null, 0, settled[0], settled[1]);
    }

    private void requireCover(TeamMember absent, boolean available, String cover) {
        if (available) {
            throw new UnknownPersonException("cover", cover, "is named only when going away (available: false)");
        }
        if (cover.isBlank() || cover.equals(absent.getUserId())) {
            throw new UnknownPersonException("cover", cover, "must be someone else of team " + absent.getTeam());
        }
        TeamMember member = directory.member(cover).orElseThrow(() -> new UnknownPersonException("cover", cover));
        if (!member.canTakeWork()) {
            throw new UnknownPersonException("cover", cover, "is away or offboarded");
        }
        if (!member.getTeam().equals(absent.getTeam())) {
            throw new UnknownPersonException("cover", cover, "is not in team " + absent.getTeam());
        }
    }

    private int handOver(String absent, String cover, String actor) {
        Instant now = clock.instant();
        List<Task> tasks = transfer.openTasksOf(absent);
        for (Task task : tasks) {
            // Read before the move: the lead of an owner task is looked up through its process.
            String leadId = transfer.leadOf(task);
            transfer.reassign(task, cover, LedgerReason.COVER, actor);
            moves.save(new CoverMove(absent, cover, task.getId(), task.getTaskDefinitionKey(), leadId, now,
                    OwnershipLedger.actorOrSystem(actor)));
        }
        return tasks.size();
    }

    /** Returns {moved back, kept by the cover}. */
    private int[] takeBack(String returning, String actor) {
        Instant now = clock.instant();
        String by = OwnershipLedger.actorOrSystem(actor);
        int returned = 0;
        int kept = 0;
        for (CoverMove move : moves.findUnsettled(returning)) {
            Task task = taskService.createTaskQuery().taskId(move.getTaskId()).singleResult();
            if (task != null && move.getCoverUser().equals(task.getAssignee())) {
                transfer.reassign(task, returning, LedgerReason.COVER_RETURN, actor);
                move.settle(CoverMove.Outcome.RETURNED, now, by);
                returned++;
            } else {
                move.settle(CoverMove.Outcome.KEPT, now, by);
                kept++;
            }
        }
        return new int[] {returned, kept};
    }
}
