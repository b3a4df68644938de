package io.baton.ownership;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The person a process names in its {@code steward} extension property: they own its failures
 * and top its escalation chains. {@link OwnershipGuard} refuses a process without one, so the
 * fallback is only for processes deployed before the guard existed.
 */
public final class Steward {

    public static final String PROPERTY = "steward";
    /** Who stands in for a missing steward: the administrator, who can always repair. */
    public static final String FALLBACK = "admin";

    private Steward() {
    }

    /** The steward of a deployed process model. */
    public static String of(BpmnModelInstance model, String processKey) {
        Process process = model == null ? null : model.getModelElementById(processKey);
        if (process != null && process.getExtensionElements() != null) {
            for (CamundaProperties properties : process.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()) {
                for (CamundaProperty property : properties.getCamundaProperties()) {
                    String value = property.getCamundaValue();
                    if (PROPERTY.equals(property.getCamundaName()) && value != null && !value.isBlank()) {
                        return value;
                    }
                }
            }
        }
        return FALLBACK;
    }

    /** The steward of the latest deployed version of a process. */
    public static String ofLatest(RepositoryService repositoryService, String processKey) {
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        return definition == null ? FALLBACK : of(repositoryService.getBpmnModelInstance(definition.getId()), processKey);
    }
}
