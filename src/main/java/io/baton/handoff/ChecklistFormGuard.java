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
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.springframework.stereotype.Component;

/**
 * Refuses, wherever a deployment comes from (start-up, Modeler, REST), a checklist form whose item
 * is shown only under a condition: form-js does not submit a hidden checkbox, so the gate would see
 * the item unanswered whenever the condition does not hold. Checklist forms are the ones a diagram
 * of the same deployment hands to the handoff as {@code checklistForm}.
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
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (resource.getName().endsWith(".bpmn") || resource.getName().endsWith(".bpmn20.xml")) {
                Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes())).getModelElementsByType(CamundaIn.class).stream()
                        .filter(in -> HandoffProcess.VAR_CHECKLIST_FORM.equals(in.getCamundaTarget()) && in.getCamundaSourceExpression() != null)
                        .forEach(in -> checklistForms.add(in.getCamundaSourceExpression().strip()));
            }
        }
        if (checklistForms.isEmpty()) {
            return;
        }
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
}
