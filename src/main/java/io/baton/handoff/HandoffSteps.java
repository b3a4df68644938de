package io.baton.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.integration.Outbox;
import io.baton.lead.Lead;
import io.baton.lead.LeadRepository;
import io.baton.notification.NotificationKind;
import io.baton.notification.Notifications;
import io.baton.ownership.Actors;
import io.baton.ownership.LedgerReason;
import io.baton.ownership.Routing;
import io.baton.ownership.TeamDirectory;
import io.baton.ownership.WorkTransfer;
import io.baton.system.FormPins;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Service;

/** The verbs of {@code lead-handoff}: gate, route, accept, reject, resolve. The order is the diagram's. */
@Service
class HandoffSteps {

    private final ChecklistDefinitions checklists;
    private final HandoffEventRepository events;
    private final Routing routing;
    private final TeamDirectory directory;
    private final WorkTransfer transfer;
    private final Notifications notifications;
    private final IdentityService identityService;
    private final Clock clock;
    private final LeadRepository leads;
    private final Outbox outbox;
    private final ObjectMapper json = new ObjectMapper();

    HandoffSteps(ChecklistDefinitions checklists, HandoffEventRepository events, Routing routing, TeamDirectory directory,
                 WorkTransfer transfer, Notifications notifications, IdentityService identityService, Clock clock, LeadRepository leads,
                 Outbox outbox) {
        this.leads = leads;
        this.outbox = outbox;
        this.checklists = checklists;
        this.events = events;
        this.routing = routing;
        this.directory = directory;
        this.transfer = transfer;
        this.notifications = notifications;
        this.identityService = identityService;
        this.clock = clock;
    }

    /** The server-side gate: every checkbox of the sender's form checked, every required text written. */
    void gate(DelegateExecution execution) {
        String formId = (String) execution.getVariable(HandoffProcess.VAR_CHECKLIST_FORM);
        // The checklist the sender's task showed, even if a designer deployed a new one since.
        Object pinned = execution.getVariable(FormPins.variable(HandoffProcess.TASK_PREPARE));
        Checklist checklist = pinned == null
                ? checklists.checklist(execution.getProcessDefinitionId(), formId)
                : checklists.checklist(formId, Integer.parseInt(pinned.toString()));
        Checklist.Verdict verdict = checklist.judge(execution::getVariable);
        String missing = String.join(", ", verdict.missing());
        execution.setVariable(HandoffProcess.VAR_CHECKLIST_COMPLETE, verdict.complete());
        execution.setVariable(HandoffProcess.VAR_MISSING_ITEMS, verdict.complete() ? null : missing);
        execution.setVariable(HandoffProcess.VAR_MISSING_ITEM_LABELS, verdict.complete() ? null
                : verdict.missing().stream().map(key -> label(checklist, key)).collect(Collectors.joining(", ")));
        execution.setVariable(HandoffProcess.VAR_CHECKLIST_ANSWERS, verdict.answers().entrySet().stream()
                .map(e -> label(checklist, e.getKey()) + ": " + (done(e.getValue()) ? "yes" : "no"))
                .collect(Collectors.joining("; ")));
        // One line per item, as a Markdown list the receiver's form shows.
        execution.setVariable(HandoffProcess.VAR_CHECKLIST_TICKS, verdict.answers().entrySet().stream()
                .map(e -> "- " + (done(e.getValue()) ? "✅ " : "❌ ") + label(checklist, e.getKey()))
                .collect(Collectors.joining("\n")));
        String sender = (String) execution.getVariable(HandoffProcess.VAR_SENDER);
        record(execution, verdict.complete() ? HandoffEventKind.CHECKLIST_COMPLETE : HandoffEventKind.CHECKLIST_INCOMPLETE, actorOr(sender),
                toJson(verdict.answers()), verdict.complete() ? null : missing, null);
    }

    /** The receiver is picked once per handoff; a returned handoff goes back to the same person. */
    void routeReceiver(DelegateExecution execution) {
        String receiver = (String) execution.getVariable(HandoffProcess.VAR_RECEIVER);
        if (receiver == null || !directory.canTakeWork(receiver)) {
            receiver = routing.nextOwner((String) execution.getVariable(HandoffProcess.VAR_RECEIVER_TEAM));
            execution.setVariable(HandoffProcess.VAR_RECEIVER, receiver);
        }
        notifications.send(execution.getProcessBusinessKey(), receiver, NotificationKind.ASSIGNMENT,
                "Handoff of lead " + execution.getProcessBusinessKey() + " from " + execution.getVariable(HandoffProcess.VAR_SENDER) + " awaits your acceptance");
    }

    /** Acceptance: from this instant the receiver is accountable. */
    void transferOwnership(DelegateExecution execution) {
        String receiver = (String) execution.getVariable(HandoffProcess.VAR_RECEIVER);
        String actor = actorOr(receiver);
        transfer.moveOwnership(execution.getProcessBusinessKey(), receiver, LedgerReason.HANDOFF_ACCEPTED, actor);
        // The sender's context travels with the lead: the receiver's later tasks (and escalations) show it.
        leads.findById(execution.getProcessBusinessKey()).ifPresent(lead -> lead.handedOver(
                (String) execution.getVariable(HandoffProcess.VAR_SENDER),
                execution.getVariable(HandoffProcess.VAR_CONTEXT_SUMMARY) instanceof String summary ? summary : null, clock.instant()));
        record(execution, HandoffEventKind.ACCEPTED, actor, null, null, null);
        outbox.record(Outbox.HANDOFF_ACCEPTED, execution.getProcessBusinessKey(), handoffData(execution, receiver, actor, null));
        execution.setVariable(HandoffProcess.VAR_MISSING_ITEMS, null);
        execution.setVariable(HandoffProcess.VAR_MISSING_ITEM_LABELS, null);
    }

    void recordRejection(DelegateExecution execution) {
        int rejections = execution.getVariable(HandoffProcess.VAR_REJECTIONS) instanceof Integer n ? n + 1 : 1;
        execution.setVariable(HandoffProcess.VAR_REJECTIONS, rejections);
        String receiver = (String) execution.getVariable(HandoffProcess.VAR_RECEIVER);
        // Arbitration goes to someone who is there: the receiver's first present manager up the chain.
        execution.setVariable(HandoffProcess.VAR_ARBITER, directory.presentManagerAbove(receiver).orElse(receiver));
        // The work returns to whoever is accountable for the lead now: ownership may have moved
        // (offboarding, cover, a manager's transfer) while the handoff waited for the receiver.
        leads.findById(execution.getProcessBusinessKey()).map(Lead::getOwner)
                .ifPresent(owner -> execution.setVariable(HandoffProcess.VAR_SENDER, owner));
        // The next attempt starts from an empty answer for acceptance.
        execution.setVariable(HandoffProcess.VAR_ACCEPTED, null);
        String reason = (String) execution.getVariable(HandoffProcess.VAR_REJECT_REASON);
        record(execution, HandoffEventKind.REJECTED, actorOr(receiver), null, null, reason);
        Map<String, Object> rejected = handoffData(execution, receiver, actorOr(receiver), reason);
        rejected.put("rejections", rejections);
        outbox.record(Outbox.HANDOFF_REJECTED, execution.getProcessBusinessKey(), rejected);
        notifications.send(execution.getProcessBusinessKey(), (String) execution.getVariable(HandoffProcess.VAR_SENDER), NotificationKind.REJECTION,
                "Handoff of lead " + execution.getProcessBusinessKey() + " was rejected by " + receiver + ": " + reason);
    }

    void applyResolution(DelegateExecution execution) {
        String resolution = (String) execution.getVariable(HandoffProcess.VAR_RESOLUTION);
        if ("reassign".equals(resolution)) {
            execution.setVariable(HandoffProcess.VAR_RECEIVER, ((String) execution.getVariable(HandoffProcess.VAR_NEW_OWNER)).strip());
        }
        Object note = execution.getVariable(HandoffProcess.VAR_RESOLUTION_NOTE);
        String text = note instanceof String given && !given.isBlank() ? given.strip() : null;
        record(execution, HandoffEventKind.resolved(resolution), actorOr((String) execution.getVariable(HandoffProcess.VAR_ARBITER)),
                null, null, text);
        // The manager's note travels to whoever owns the lead after the decision.
        String owner = (String) execution.getVariable(HandoffProcess.VAR_RECEIVER);
        notifications.send(execution.getProcessBusinessKey(), owner, NotificationKind.ASSIGNMENT, "The disputed handoff of lead "
                + execution.getProcessBusinessKey() + " is resolved: you own it now" + (text == null ? "" : " — note from your manager: " + text));
    }

    /** What an integrator needs of a handoff: who sent it, to whom, who acted, and why when refused. */
    private static Map<String, Object> handoffData(DelegateExecution execution, String receiver, String actor, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sender", execution.getVariable(HandoffProcess.VAR_SENDER));
        data.put("receiver", receiver);
        data.put("receiverTeam", execution.getVariable(HandoffProcess.VAR_RECEIVER_TEAM));
        data.put("actor", actor);
        if (reason != null) {
            data.put("reason", reason);
        }
        return data;
    }

    private void record(DelegateExecution execution, HandoffEventKind kind, String actor, String answers, String missing, String reason) {
        events.save(new HandoffEvent(execution.getProcessBusinessKey(), (String) execution.getVariable(HandoffProcess.VAR_CHECKLIST_FORM),
                kind, actor, answers, missing, truncate(reason), execution.getProcessDefinitionId(), clock.instant()));
    }

    private String actorOr(String fallback) {
        String actor = Actors.current(identityService);
        return Actors.SYSTEM.equals(actor) && fallback != null ? fallback : actor;
    }

    private static boolean done(Object answer) {
        return Boolean.TRUE.equals(answer) || "written".equals(answer);
    }

    private static String label(Checklist checklist, String key) {
        return checklist.checkboxes().getOrDefault(key, checklist.requiredTexts().getOrDefault(key, key));
    }

    private String toJson(Map<String, Object> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
