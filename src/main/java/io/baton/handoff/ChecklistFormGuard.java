package io.baton.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.springframework.stereotype.Component;

/**
 * Refuses, wherever a deployment comes from (start-up, Modeler, REST), a checklist form whose item
 * is shown only under a condition: form-js does not submit a hidden checkbox, so the gate would see
 * the item unanswered whenever the condition does not hold. Checklist forms are the ones a diagram
 * of the same deployment, or the latest deployed version of any process, hands to the handoff as
 * {@code checklistForm} — a designer may deploy a changed form on its own.
 */
@Component
class ChecklistFormGuard extends AbstractProcessEnginePlugin implements Deployer {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(this);
        configuration.setCustomPreDeployers(deployers);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (deployment.getResources() == null) {
            return;
        }
        Set<String> checklistForms = new LinkedHashSet<>();
        boolean forms = false;
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (resource.getName().endsWith(".bpmn") || resource.getName().endsWith(".bpmn20.xml")) {
                checklistForms.addAll(checklistForms(Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()))));
            }
            forms |= resource.getName().endsWith(".form");
        }
        if (!forms) {
            return;
        }
        // A designer deploys a changed form on its own (README "Editing the processes"): it is a checklist
        // form when a diagram already deployed hands it to the handoff.
        checklistForms.addAll(deployedChecklistForms());
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (!resource.getName().endsWith(".form")) {
                continue;
            }
            JsonNode form;
            try {
                form = json.readTree(resource.getBytes());
            } catch (IOException unreadable) {
                // Not a form Baton can judge; the engine reports it on its own terms.
                continue;
            }
            if (!checklistForms.contains(form.path("id").asText())) {
                continue;
            }
            List<String> conditional = ChecklistDefinitions.conditionalItems(form.path("components"));
            if (!conditional.isEmpty()) {
                throw new ProcessEngineException("Checklist form '" + form.path("id").asText() + "' (" + resource.getName()
                        + ") shows checklist item(s) " + String.join(", ", conditional) + " only under a condition: a hidden checkbox"
                        + " is not submitted, so the handoff gate would find it unanswered. Remove the condition.");
            }
        }
    }

    private static Set<String> checklistForms(BpmnModelInstance model) {
        Set<String> found = new LinkedHashSet<>();
        model.getModelElementsByType(CamundaIn.class).stream()
                .filter(in -> HandoffProcess.VAR_CHECKLIST_FORM.equals(in.getCamundaTarget()) && in.getCamundaSourceExpression() != null)
                .forEach(in -> found.add(in.getCamundaSourceExpression().strip()));
        return found;
    }

    /** Checklist forms named by the latest version of every deployed process, read on Baton's own authority. */
    private static Set<String> deployedChecklistForms() {
        CommandContext context = Context.getCommandContext();
        RepositoryService repository = Context.getProcessEngineConfiguration().getRepositoryService();
        return context.runWithoutAuthorization(() -> {
            Set<String> found = new LinkedHashSet<>();
            repository.createProcessDefinitionQuery().latestVersion().unlimitedList()
                    .forEach(definition -> found.addAll(checklistForms(repository.getBpmnModelInstance(definition.getId()))));
            return found;
        });
    }
}
