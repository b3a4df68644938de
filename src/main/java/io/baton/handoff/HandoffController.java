package io.baton.handoff;

import io.baton.lead.Lead;
import io.baton.lead.LeadAccess;
import io.baton.lead.LeadCard;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadStatus;
import io.baton.system.SystemCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
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

    /** A lead the caller is accountable for; {@code waitingOn} names the receiver of a handoff that awaits acceptance. */
    record AccountableLead(String id, String title, String stage, Instant createdAt, Waiting waitingOn) {
    }

    record Waiting(String id, String name, String task, Instant since) {
    }

    /** The most leads "Leads I'm accountable for" lists; Baton's lists are paged at most this size. */
    private static final int MAX_LEADS = 500;

    private final HandoffEventRepository events;
    private final LeadAccess access;
    private final LeadRepository leads;
    private final LeadCard cards;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final SystemCommands system;

    HandoffController(HandoffEventRepository events, LeadAccess access, LeadRepository leads, LeadCard cards, TaskService taskService,
                      RuntimeService runtimeService, SystemCommands system) {
        this.events = events;
        this.access = access;
        this.leads = leads;
        this.cards = cards;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.system = system;
    }

    /**
     * The caller's open leads by the ownership ledger, newest first — also those whose handoff waits
     * for the receiver, which Tasklist does not list (the acceptance task is the receiver's). Read
     * with Tasklist's session by Baton's Tasklist plugin.
     */
    @GetMapping(path = "/api/me/leads", produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional(readOnly = true)
    List<AccountableLead> accountable(Authentication who) {
        List<Lead> mine = leads.search(who.getName(), LeadStatus.OPEN, PageRequest.of(0, MAX_LEADS, Sort.by("createdAt").descending()))
                .getContent();
        if (mine.isEmpty()) {
            return List.of();
        }
        // The acceptance task is the receiver's: the sender may not read it, Baton reads it for them.
        Map<String, Task> waiting = system.run(() -> {
            List<Task> accepts = taskService.createTaskQuery()
                    .processInstanceBusinessKeyIn(mine.stream().map(Lead::getId).toArray(String[]::new))
                    .taskDefinitionKeyLike(HandoffProcess.TASK_ACCEPT + "%").orderByTaskCreateTime().asc().listPage(0, MAX_LEADS);
            if (accepts.isEmpty()) {
                return Map.<String, Task>of();
            }
            Map<String, String> leadOfInstance = runtimeService.createProcessInstanceQuery()
                    .processInstanceIds(accepts.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet()))
                    .listPage(0, MAX_LEADS).stream().collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
            return accepts.stream().filter(t -> leadOfInstance.containsKey(t.getProcessInstanceId()))
                    .collect(Collectors.toMap(t -> leadOfInstance.get(t.getProcessInstanceId()), Function.identity(), (first, later) -> later));
        });
        return mine.stream().map(lead -> {
            Task accept = waiting.get(lead.getId());
            Waiting waitingOn = accept == null || accept.getAssignee() == null ? null : new Waiting(accept.getAssignee(),
                    cards.displayName(accept.getAssignee()), accept.getName(), accept.getCreateTime().toInstant());
            return new AccountableLead(lead.getId(), LeadCard.title(lead), lead.getStage(), lead.getCreatedAt(), waitingOn);
        }).toList();
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
