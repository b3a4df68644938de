package io.baton.insight;

import io.baton.escalation.EscalationLadder;
import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * The user tasks of Baton's processes as the deployed diagrams declare them, so a report lists
 * every step (also the idle ones) under the name the designer gave it. Deployed definitions are
 * immutable, hence cached by definition id.
 */
@Component
class UserTasks {

    static final List<String> PROCESS_KEYS = List.of(LeadLifecycle.KEY, HandoffProcess.KEY, EscalationProcess.KEY);

    record Step(String processKey, String activityId, String name) {
    }

    private final RepositoryService repositoryService;
    private final Map<String, List<Step>> byDefinition = new ConcurrentHashMap<>();

    UserTasks(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    /** Every user task of the latest version of each process, in process then document order. */
    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (String key : PROCESS_KEYS) {
            latest(key).ifPresent(definition -> steps.addAll(byDefinition.computeIfAbsent(definition.getId(), id -> read(key, id))));
        }
        return steps;
    }

    Optional<ProcessDefinition> latest(String key) {
        return Optional.ofNullable(
                repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult());
    }

    BpmnModelInstance model(ProcessDefinition definition) {
        return repositoryService.getBpmnModelInstance(definition.getId());
    }

    private List<Step> read(String key, String definitionId) {
        return repositoryService.getBpmnModelInstance(definitionId).getModelElementsByType(UserTask.class).stream()
                .map(task -> new Step(key, task.getId(), task.getName() == null ? task.getId() : task.getName()))
                .toList();
    }
}
