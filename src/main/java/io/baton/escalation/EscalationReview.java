package io.baton.escalation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.lead.LeadCard;
import io.baton.ownership.TeamDirectory;
import io.baton.ownership.TeamDirectoryChanged;
import io.baton.ownership.TeamMembersJoined;
import io.baton.system.SystemCommands;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * What a manager needs on {@code reviewEscalation} to decide without looking anything up: which work
 * lapsed, with whom, since when, and whom the work may go to. Two task-local {@code Json} variables,
 * written when the review is created and whenever it is (re)assigned:
 * <ul>
 *   <li>{@value #VAR_ESCALATION}: {@code {"task": "Qualify lead", "taskKey", "lapsedBy": "Sam Sales-Dev",
 *   "lapsedById", "lapsedAt": ISO instant, "lapsedSince": "2026-12-02 09:12 UTC", "level"}};</li>
 *   <li>{@value #VAR_ELIGIBLE_OWNERS}: the choices of the form's new-owner select,
 *   {@code [{"label": "Sofia Sales-Dev", "value": "sofia"}, …]}: the people of the lapsed person's
 *   team who can take work now, else those in the reviewer's reporting line ({@link TeamDirectory#whoMayTakeOver}). The engine's answer
 *   check accepts only these values for {@code newOwner}, from the form and from REST clients alike.
 *   The choices of every open review follow the directory: someone who comes back or joins the team
 *   is offered, someone who goes away is not, in the transaction that changed the directory.</li>
 * </ul>
 */
@Service
public class EscalationReview {

    public static final String VAR_ESCALATION = "escalation";
    public static final String VAR_ELIGIBLE_OWNERS = "eligibleOwners";
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final TeamDirectory directory;
    private final LeadCard cards;
    private final WaitingWork waiting;
    private final WorkingTime workingTime;
    private final Clock clock;
    private final TaskService tasks;
    private final SystemCommands system;
    private final ObjectMapper json = new ObjectMapper();

    EscalationReview(TeamDirectory directory, LeadCard cards, WaitingWork waiting, WorkingTime workingTime, Clock clock,
            TaskService tasks, SystemCommands system) {
        this.clock = clock;
        this.tasks = tasks;
        this.system = system;
        this.directory = directory;
        this.cards = cards;
        this.waiting = waiting;
        this.workingTime = workingTime;
    }

    /** Task listener on create and assignment of {@code reviewEscalation}. */
    public void describe(DelegateTask task) {
        String leadId = task.getExecution().getProcessBusinessKey();
        String taskKey = (String) task.getVariable(EscalationProcess.VAR_ESCALATED_TASK);
        String lapsedBy = (String) task.getVariable(EscalationProcess.VAR_LAPSED_BY);
        Optional<WaitingWork.Item> lapsed = leadId == null || taskKey == null ? Optional.empty() : waiting.newest(leadId, taskKey);
        // The lapsed work's due date is the moment it lapsed (a re-armed deadline included); a breach
        // fired before it (a manager's timer run) lapsed when it fired.
        Instant now = clock.instant();
        Instant since = lapsed.map(WaitingWork.Item::due).map(java.util.Date::toInstant)
                .map(due -> due.isAfter(now) ? now : due).orElse(now);
        ObjectNode escalation = json.createObjectNode();
        escalation.put("task", lapsed.map(WaitingWork.Item::name).orElse(taskKey));
        escalation.put("taskKey", taskKey);
        escalation.put("lapsedBy", lapsedBy == null ? null : cards.displayName(lapsedBy));
        escalation.put("lapsedById", lapsedBy);
        escalation.put("lapsedAt", since == null ? null : since.toString());
        escalation.put("lapsedSince", since == null ? null
                : SINCE.format(since.atZone(workingTime.zone())) + " " + workingTime.zone().getId());
        if (task.getVariable(EscalationProcess.VAR_LEVEL) instanceof Integer level) {
            escalation.put("level", level);
        }
        task.setVariableLocal(VAR_ESCALATION, SpinValues.jsonValue(escalation.toString()).create());
        task.setVariableLocal(VAR_ELIGIBLE_OWNERS, SpinValues.jsonValue(choices(lapsedBy, task.getAssignee())).create());
    }

    /**
     * The directory changed who can take work: every open review offers the people it would offer if
     * it were created now. Baton's own work (the person who came back may not read the reviews).
     */
    @EventListener
    void directoryChanged(TeamDirectoryChanged change) {
        refreshOpenReviews();
    }

    /** People who joined a team's group in Camunda Admin, reconciled into the directory. */
    @EventListener
    void membersJoined(TeamMembersJoined joined) {
        refreshOpenReviews();
    }

    private void refreshOpenReviews() {
        system.run(() -> {
            for (Task review : tasks.createTaskQuery().processDefinitionKey(EscalationProcess.KEY)
                    .taskDefinitionKey(EscalationProcess.TASK_REVIEW).list()) {
                String lapsedBy = (String) tasks.getVariable(review.getId(), EscalationProcess.VAR_LAPSED_BY);
                String choices = choices(lapsedBy, review.getAssignee());
                TypedValue offered = tasks.getVariableLocalTyped(review.getId(), VAR_ELIGIBLE_OWNERS, false);
                String before = offered instanceof SerializableValue value ? value.getValueSerialized() : null;
                if (!choices.equals(before)) {
                    tasks.setVariableLocal(review.getId(), VAR_ELIGIBLE_OWNERS, SpinValues.jsonValue(choices).create());
                }
            }
        });
    }

    private String choices(String lapsedBy, String reviewer) {
        ArrayNode choices = json.createArrayNode();
        for (String person : directory.whoMayTakeOver(lapsedBy, reviewer)) {
            choices.addObject().put("label", cards.displayName(person)).put("value", person);
        }
        return choices.toString();
    }
}
