package io.baton.testing;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Baton deploys no process without a named steward; models built in tests and the bench name one. */
public final class Stewarded {

    private Stewarded() {
    }

    /** Names {@code steward} as the steward of process {@code processId} in {@code model}; returns the model. */
    public static BpmnModelInstance by(String steward, BpmnModelInstance model, String processId) {
        Process process = model.getModelElementById(processId);
        ExtensionElements extensions = model.newInstance(ExtensionElements.class);
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName("steward");
        property.setCamundaValue(steward);
        extensions.addExtensionElement(CamundaProperties.class).getCamundaProperties().add(property);
        process.setExtensionElements(extensions);
        return model;
    }
}
