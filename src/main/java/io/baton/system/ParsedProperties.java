package io.baton.system;

import java.util.Optional;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A designer's Camunda extension properties as deploy-time guards (BPMN parse listeners) see them,
 * in the parsed XML before any model instance exists. Same rule as the model-API reader
 * ({@code lead.TaskFacts}): the first non-blank value, stripped.
 */
public final class ParsedProperties {

    private ParsedProperties() {
    }

    public static Optional<String> of(Element xml, String name) {
        Element extensions = xml == null ? null : xml.element("extensionElements");
        if (extensions == null) {
            return Optional.empty();
        }
        for (Element list : extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties")) {
            for (Element property : list.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
                String value = property.attribute("value");
                if (name.equals(property.attribute("name")) && value != null && !value.isBlank()) {
                    return Optional.of(value.strip());
                }
            }
        }
        return Optional.empty();
    }
}
