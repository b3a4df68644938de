package io.baton.escalation;

import io.baton.lead.TaskFacts;
import io.baton.system.ParsedProperties;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Refuses, at deployment and whatever the source, a user task whose lapse would go unnoticed: each
 * one names a configured SLA key in its {@code sla} extension property and has a timer boundary
 * event from which the diagram reaches an escalation — a call of {@code lead-escalation}, or, inside
 * the escalation itself, the step that climbs the chain.
 */
class SlaGuard extends AbstractBpmnParseListener {

    static final String CLIMB = "${climbEscalation}";

    private final SlaProperties properties;

    SlaGuard(SlaProperties properties) {
        this.properties = properties;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (!"true".equals(processElement.attribute("isExecutable", "true"))) {
            return;
        }
        List<String> violations = new ArrayList<>();
        check(processElement, violations);
        if (!violations.isEmpty()) {
            throw new ProcessEngineException("Baton refuses to deploy process '" + processElement.attribute("id") + "': "
                    + String.join("; ", violations));
        }
    }

    private void check(Element scope, List<String> violations) {
        Map<String, Element> elements = new HashMap<>();
        Map<String, List<String>> outgoing = new HashMap<>();
        Map<String, List<String>> timersOf = new HashMap<>();
        for (Element element : scope.elements()) {
            String id = element.attribute("id");
            elements.put(id, element);
            switch (element.getTagName()) {
                case "sequenceFlow" -> outgoing.computeIfAbsent(element.attribute("sourceRef"), k -> new ArrayList<>()).add(element.attribute("targetRef"));
                case "boundaryEvent" -> {
                    if (element.element("timerEventDefinition") != null) {
                        timersOf.computeIfAbsent(element.attribute("attachedToRef"), k -> new ArrayList<>()).add(id);
                    }
                }
                case "subProcess", "transaction", "adHocSubProcess" -> check(element, violations);
                default -> {
                }
            }
        }
        for (Element task : scope.elements("userTask")) {
            String taskId = task.attribute("id");
            String key = slaKey(task);
            if (key == null) {
                violations.add("user task '" + taskId + "' names no SLA (rule: extension property '" + TaskFacts.SLA
                        + "' = one of the baton.sla keys)");
            } else if (!properties.isKnown(key)) {
                violations.add("user task '" + taskId + "' names SLA '" + key + "', which is not configured (baton.sla." + key + ")");
            }
            boolean escalates = timersOf.getOrDefault(taskId, List.of()).stream().anyMatch(timer -> reachesEscalation(timer, elements, outgoing));
            if (!escalates) {
                violations.add("user task '" + taskId + "' has no timer boundary event that leads to an escalation (rule: a breach "
                        + "escalates: call '" + EscalationProcess.KEY + "' from the breach timer)");
            }
        }
    }

    private static boolean reachesEscalation(String start, Map<String, Element> elements, Map<String, List<String>> outgoing) {
        Deque<String> next = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!next.isEmpty()) {
            String id = next.poll();
            if (!seen.add(id)) {
                continue;
            }
            Element element = elements.get(id);
            if (element != null && isEscalation(element)) {
                return true;
            }
            next.addAll(outgoing.getOrDefault(id, List.of()));
        }
        return false;
    }

    private static boolean isEscalation(Element element) {
        return switch (element.getTagName()) {
            case "callActivity" -> EscalationProcess.KEY.equals(element.attribute("calledElement"));
            case "serviceTask" -> CLIMB.equals(element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression"));
            default -> false;
        };
    }

    private static String slaKey(Element task) {
        return ParsedProperties.of(task, TaskFacts.SLA).orElse(null);
    }
}
