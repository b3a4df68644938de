package io.baton.ownership;

import io.baton.lead.LeadLifecycle;
import io.baton.lead.TaskFacts;
import io.baton.system.ParsedProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Refuses, at deployment and whatever the source (Modeler, REST, classpath), any process that
 * would create unowned work: a user task without a named assignee (candidate users or groups
 * alone do not count), a user task without a timer boundary event to escalate it, or a process
 * without a steward to own its failures. A stage that takes imported leads ({@code import.teams})
 * must be an owner task assigned to {@code ${owner}}: the import names the owner in that variable,
 * and the lead's owner must be the task's assignee.
 */
class OwnershipGuard extends AbstractBpmnParseListener {

    private static final String OWNER_ASSIGNEE = "${" + LeadLifecycle.VAR_OWNER + "}";

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (!"true".equals(processElement.attribute("isExecutable", "true"))) {
            return;
        }
        String processId = processElement.attribute("id");
        Map<String, String> assignees = new LinkedHashMap<>();
        Set<String> timed = new HashSet<>();
        Map<String, Boolean> importable = new LinkedHashMap<>();
        collect(processElement, assignees, timed, importable);
        List<String> violations = new ArrayList<>();
        assignees.forEach((taskId, assignee) -> {
            if (assignee == null || assignee.isBlank()) {
                violations.add("user task '" + taskId + "' has no assignee (rule: every user task names one accountable person; "
                        + "candidate users or groups alone do not count)");
            }
            if (!timed.contains(taskId)) {
                violations.add("user task '" + taskId + "' has no timer boundary event (rule: untouched work must escalate)");
            }
        });
        importable.forEach((taskId, ownerTask) -> {
            if (!ownerTask || !OWNER_ASSIGNEE.equals(assignees.get(taskId))) {
                violations.add("user task '" + taskId + "' takes imported leads ('" + TaskFacts.IMPORT_TEAMS + "') but is not an owner task "
                        + "assigned " + OWNER_ASSIGNEE + " (rule: an imported lead's owner is the assignee of its stage)");
            }
        });
        if (steward(processElement) == null) {
            violations.add("process has no '" + Steward.PROPERTY + "' extension property (rule: a named steward owns the process's failures)");
        }
        if (!violations.isEmpty()) {
            throw new ProcessEngineException("Baton refuses to deploy process '" + processId + "': " + String.join("; ", violations));
        }
    }

    /** At parse time the model is XML elements; the rule is the one of {@link Steward}: a non-blank value. */
    static String steward(Element processElement) {
        return ParsedProperties.of(processElement, Steward.PROPERTY).orElse(null);
    }

    private static void collect(Element scope, Map<String, String> assignees, Set<String> timed, Map<String, Boolean> importable) {
        for (Element element : scope.elements()) {
            switch (element.getTagName()) {
                case "userTask" -> {
                    assignees.put(element.attribute("id"), element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "assignee"));
                    // Only owner tasks assigned to the owner variable count as stages an import can start at.
                    boolean ownerTask = ParsedProperties.of(element, TaskFacts.OWNER_TASK).map("true"::equalsIgnoreCase).orElse(false);
                    if (ParsedProperties.of(element, TaskFacts.IMPORT_TEAMS).isPresent()) {
                        importable.put(element.attribute("id"), ownerTask);
                    }
                }
                case "boundaryEvent" -> {
                    if (element.element("timerEventDefinition") != null) {
                        timed.add(element.attribute("attachedToRef"));
                    }
                }
                case "subProcess", "transaction", "adHocSubProcess" -> collect(element, assignees, timed, importable);
                default -> {
                }
            }
        }
    }
}
