package io.baton.testing;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
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
        return withProperty(model, process, "steward", steward);
    }

    /** Adds extension property {@code name} = {@code value} to {@code element} (e.g. a user task's {@code sla}). */
    public static BpmnModelInstance withProperty(BpmnModelInstance model, BaseElement element, String name, String value) {
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            element.setExtensionElements(extensions);
        }
        CamundaProperties properties = extensions.getElementsQuery().filterByType(CamundaProperties.class).count() > 0
                ? extensions.getElementsQuery().filterByType(CamundaProperties.class).singleResult()
                : extensions.addExtensionElement(CamundaProperties.class);
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(name);
        property.setCamundaValue(value);
        properties.getCamundaProperties().add(property);
        return model;
    }
}
