package io.baton.lead;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * What the diagram says about a user task, as Camunda extension properties a designer sets in
 * Modeler: {@value #SLA} names the task's SLA key, {@value #OWNER_TASK} = {@code true} marks work
 * the lead's accountable owner does (moving it moves the lead), {@value #STAGE} = {@code true}
 * marks a stage of the lead (its {@code stage} while the task is open). Java keeps no list of
 * task ids: a task added in Modeler with these properties gets ledger moves, stage and SLA.
 */
@Component
public class TaskFacts {

    public static final String SLA = "sla";
    public static final String OWNER_TASK = "lead.owner";
    public static final String STAGE = "lead.stage";
    /**
     * On a stage a lead may be imported at: the teams (comma-separated) whose members may own it
     * there, as the diagram's routing and handoffs hand that stage to them.
     */
    public static final String IMPORT_TEAMS = "import.teams";

    private final RepositoryService repositoryService;
    /** Per process definition (immutable once deployed): task key → its properties. */
    private final Map<String, Map<String, Map<String, String>>> byDefinition = new ConcurrentHashMap<>();

    TaskFacts(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    /** The extension property {@code name} of a model element, when set and not blank. */
    public static Optional<String> property(BaseElement element, String name) {
        return Optional.ofNullable(properties(element).get(name));
    }

    public static boolean isTrue(BaseElement element, String name) {
        return property(element, name).map("true"::equalsIgnoreCase).orElse(false);
    }

    public boolean isOwnerTask(String processDefinitionId, String taskKey) {
        return "true".equalsIgnoreCase(of(processDefinitionId, taskKey).get(OWNER_TASK));
    }

    public Optional<String> slaKey(String processDefinitionId, String taskKey) {
        return Optional.ofNullable(of(processDefinitionId, taskKey).get(SLA));
    }

    /** The stages of a definition a lead may be imported at, in the diagram's order, each with the teams that work it. */
    public Map<String, List<String>> importStages(String processDefinitionId) {
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(processDefinitionId);
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            property(task, IMPORT_TEAMS).ifPresent(teams -> stages.put(task.getId(),
                    Arrays.stream(teams.split(",")).map(String::strip).filter(team -> !team.isEmpty()).toList()));
        }
        return stages;
    }

    /** Keys of owner tasks in any deployed version of any process, for queries over open tasks. */
    public Set<String> ownerTaskKeys() {
        return repositoryService.createProcessDefinitionQuery().unlimitedList().stream()
                .map(ProcessDefinition::getId)
                .flatMap(id -> tasks(id).entrySet().stream())
                .filter(task -> "true".equalsIgnoreCase(task.getValue().get(OWNER_TASK)))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<String, String> of(String processDefinitionId, String taskKey) {
        return processDefinitionId == null ? Map.of() : tasks(processDefinitionId).getOrDefault(taskKey, Map.of());
    }

    private Map<String, Map<String, String>> tasks(String processDefinitionId) {
        return byDefinition.computeIfAbsent(processDefinitionId, id -> {
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(id);
            return model == null ? Map.of() : model.getModelElementsByType(UserTask.class).stream()
                    .collect(Collectors.toUnmodifiableMap(UserTask::getId, TaskFacts::properties));
        });
    }

    private static Map<String, String> properties(BaseElement element) {
        if (element == null || element.getExtensionElements() == null) {
            return Map.of();
        }
        Map<String, String> found = new HashMap<>();
        for (CamundaProperties properties : element.getExtensionElements().getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                String value = property.getCamundaValue();
                if (property.getCamundaName() != null && value != null && !value.isBlank()) {
                    found.putIfAbsent(property.getCamundaName(), value.strip());
                }
            }
        }
        return found;
    }
}
