package io.baton.escalation;

import io.baton.lead.LeadLifecycle;
import io.baton.ownership.TeamDirectory;
import io.baton.system.Decisions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Which SLA a piece of work gets, and in whose working hours. The designer's {@code sla-policy}
 * decision (latest deployed version) answers per segment — the lead's {@code source} and
 * {@code employees} — for the SLA keys it has a column for; where it has no matching row, an empty
 * cell, or for any other key, {@code baton.sla.*} applies. Business hours count in the time zone
 * of the team of the person the task goes to (its {@code camunda:assignee} variable), else the
 * configured zone.
 *
 * <p>An answer that is not a positive ISO-8601 duration does not stop the work: the default
 * applies and the process's steward gets an incident naming the rule that answered.
 */
@Component
class SlaPolicy {

    static final String DECISION = "sla-policy";
    /** SLA key → the decision's output column. */
    static final Map<String, String> OUTPUTS = Map.of("first-touch", "firstTouch", "handoff-acceptance", "handoffAcceptance");
    static final String REPORTED_PREFIX = "slaPolicyIncident_";

    private static final Pattern PLAIN_VARIABLE = Pattern.compile("\\$\\{\\s*(\\w+)\\s*}");

    private final SlaProperties properties;
    private final WorkingTime workingTime;
    private final Decisions decisions;
    private final TeamDirectory directory;

    SlaPolicy(SlaProperties properties, WorkingTime workingTime, Decisions decisions, TeamDirectory directory) {
        this.properties = properties;
        this.workingTime = workingTime;
        this.decisions = decisions;
        this.directory = directory;
    }

    /** The SLA of {@code key} for the lead the execution works on. */
    Duration duration(DelegateExecution execution, String key) {
        Duration fallback = properties.of(key);
        String output = OUTPUTS.get(key);
        if (output == null) {
            return fallback;
        }
        Map<String, Object> segment = new HashMap<>();
        segment.put(LeadLifecycle.VAR_SOURCE, execution.getVariable(LeadLifecycle.VAR_SOURCE));
        segment.put(LeadLifecycle.VAR_EMPLOYEES, execution.getVariable(LeadLifecycle.VAR_EMPLOYEES));
        Decisions.Evaluation answer = decisions.evaluate(DECISION, segment);
        Object value = answer.outputs().get(output);
        if (value == null || value instanceof String text && text.isBlank()) {
            return fallback;
        }
        try {
            Duration duration = Sla.parse(value);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException notADuration) {
            // reported below
        }
        report(execution, answer.match(), output, value, fallback);
        return fallback;
    }

    /** Working time where the person the task goes to works. */
    WorkingTime calendar(DelegateExecution execution) {
        if (workingTime.isRoundTheClock()) {
            return workingTime;
        }
        FlowElement element = execution.getBpmnModelElementInstance();
        if (!(element instanceof UserTask task) || task.getCamundaAssignee() == null) {
            return workingTime;
        }
        Matcher variable = PLAIN_VARIABLE.matcher(task.getCamundaAssignee().strip());
        if (!variable.matches() || !(execution.getVariable(variable.group(1)) instanceof String person)) {
            return workingTime;
        }
        return directory.timeZoneOf(person).map(workingTime::in).orElse(workingTime);
    }

    private void report(DelegateExecution execution, Decisions.Match match, String output, Object value, Duration fallback) {
        DelegateExecution instance = execution.getProcessInstance();
        String marker = REPORTED_PREFIX + execution.getCurrentActivityId();
        if (instance.hasVariableLocal(marker)) {
            return;
        }
        instance.setVariableLocal(marker, match.toString());
        instance.createIncident(Decisions.INCIDENT_TYPE, DECISION + ":" + match.ruleId(),
                "SLA policy: " + match + " answered " + output + " = '" + value + "', which is not a positive ISO-8601 duration"
                        + " (e.g. PT15M, PT2H, P1D); '" + execution.getCurrentActivityId() + "' got the configured default " + fallback
                        + ". Fix the rule and deploy sla-policy.dmn again.");
    }
}
