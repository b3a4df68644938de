package io.baton.insight;

import io.baton.escalation.EscalationLadder;
import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadAttempted;
import io.baton.lead.LeadLifecycle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts and times what the diagrams do, from the engine's own events: a parse listener attaches
 * listeners to the steps that matter when a diagram is deployed, so no diagram and no other
 * package carries metric code. Steps are found by their contract ids (task keys) and by the named
 * verbs they call ({@code ${checklistGate}}, {@code ${openEscalation}}, {@code ${climbEscalation}}).
 * Meters move only after the engine's transaction commits: a rolled-back step counts nothing.
 *
 * <p>Every tag value comes from a closed set or from the deployed models, never from what a user
 * could write into a variable: each distinct value is a new time series (a handoff timer is 13), so
 * 150 task completions with made-up values would otherwise add thousands of series. A value
 * outside the set is tagged {@value #OTHER}.
 */
@Component
class InsightMetrics extends AbstractProcessEnginePlugin {

    static final String LEADS_CAPTURED = "baton.leads.captured";
    static final String FIRST_TOUCH_LAG = "baton.first.touch.lag";
    static final String HANDOFF_ACCEPTANCE_LAG = "baton.handoff.acceptance.lag";
    static final String ESCALATIONS = "baton.escalations";
    static final String GATE_REJECTIONS = "baton.gate.rejections";
    static final String FIRST_ATTEMPT_LAG = "baton.first.attempt.lag";
    /** Lead sources are free text: the first this many distinct ones are segments, the rest {@value #OTHER}. */
    static final int MAX_SEGMENTS = 20;

    static final String OTHER = "other";
    /** Escalation levels above this are tagged {@value #OTHER}: no reporting line is that deep. */
    static final int MAX_LEVEL_TAG = 10;

    private static final String LEVEL_BEFORE = "batonInsightLevelBefore";
    private static final Duration[] LAG_BUCKETS = {Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofDays(1), Duration.ofDays(3)};

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Counter leadsCaptured;
    /** "deploymentId/formKey" of checklist forms seen deployed; only hits are kept, so it stays as small as the models. */
    private final Set<String> deployedForms = ConcurrentHashMap.newKeySet();
    private final Set<String> segments = ConcurrentHashMap.newKeySet();

    InsightMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        this.jdbc = jdbc;
        this.leadsCaptured = Counter.builder(LEADS_CAPTURED).description("Leads whose lifecycle started").register(registry);
        // Registered up front so dashboards see the series (at zero) before the first event.
        firstTouchTimer();
        escalations(1);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(new Listeners());
    }

    private class Listeners extends AbstractBpmnParseListener {

        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
            if (LeadLifecycle.KEY.equals(processDefinition.getKey())) {
                processDefinition.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> afterCommit(leadsCaptured::increment));
            }
        }

        @Override
        public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
                return;
            }
            String key = activity.getId();
            if (LeadLifecycle.TASK_QUALIFY_LEAD.equals(key)) {
                behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, InsightMetrics.this::firstTouched);
            } else if (key.startsWith(HandoffProcess.TASK_ACCEPT)) {
                behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, InsightMetrics.this::handoffAnswered);
            }
        }

        @Override
        public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            String verb = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
            if ("${checklistGate}".equals(verb)) {
                activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) InsightMetrics.this::gateChecked);
            } else if ("${openEscalation}".equals(verb)) {
                activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) InsightMetrics.this::escalated);
            } else if ("${climbEscalation}".equals(verb)) {
                activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) InsightMetrics.this::rememberLevel);
                activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) InsightMetrics.this::escalated);
            }
        }
    }

    /** First touch: from the lead's capture to the completion of its qualification. */
    void firstTouched(DelegateTask task) {
        String leadId = task.getExecution().getProcessBusinessKey();
        List<OffsetDateTime> created = jdbc.queryForList("select created_at from baton_lead where id = ?", OffsetDateTime.class, leadId);
        if (!created.isEmpty()) {
            Duration lag = Duration.between(created.get(0).toInstant(), now());
            afterCommit(() -> firstTouchTimer().record(lag.isNegative() ? Duration.ZERO : lag));
        }
    }

    /** Time to first attempt: from the lead's capture to its owner's first contact attempt, per segment and owner. */
    @EventListener
    public void attempted(LeadAttempted attempt) {
        if (!attempt.first() || attempt.capturedAt() == null) {
            return;
        }
        Duration lag = Duration.between(attempt.capturedAt(), attempt.at());
        String segment = segment(attempt.source());
        String owner = attempt.owner() == null ? OTHER : attempt.owner();
        afterCommit(() -> Timer.builder(FIRST_ATTEMPT_LAG)
                .description("From a lead's capture to its owner's first contact attempt")
                .tags("segment", segment, "owner", owner)
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag));
    }

    String segment(String source) {
        if (source == null || source.isBlank()) {
            return OTHER;
        }
        String normalized = source.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > 40 || !normalized.matches("[a-z0-9][a-z0-9 ._-]*")) {
            return OTHER;
        }
        if (segments.contains(normalized)) {
            return normalized;
        }
        synchronized (segments) {
            if (segments.size() < MAX_SEGMENTS) {
                segments.add(normalized);
                return normalized;
            }
        }
        return OTHER;
    }

    void handoffAnswered(DelegateTask task) {
        Duration lag = Duration.between(task.getCreateTime().toInstant(), now());
        Object accepted = task.getVariable(HandoffProcess.VAR_ACCEPTED);
        String outcome = Boolean.TRUE.equals(accepted) ? "accepted" : Boolean.FALSE.equals(accepted) ? "rejected" : "unanswered";
        String handoff = deployedForm(task.getProcessDefinitionId(), task.getVariable(HandoffProcess.VAR_CHECKLIST_FORM));
        afterCommit(() -> Timer.builder(HANDOFF_ACCEPTANCE_LAG)
                .description("From a handoff reaching its receiver to their answer")
                .tags("handoff", handoff, "outcome", outcome)
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag));
    }

    void gateChecked(DelegateExecution execution) {
        if (Boolean.FALSE.equals(execution.getVariable(HandoffProcess.VAR_CHECKLIST_COMPLETE))) {
            String handoff = deployedForm(execution.getProcessDefinitionId(), execution.getVariable(HandoffProcess.VAR_CHECKLIST_FORM));
            afterCommit(() -> Counter.builder(GATE_REJECTIONS).description("Handoffs the checklist gate sent back to the sender")
                    .tag("handoff", handoff).register(registry).increment());
        }
    }

    void rememberLevel(DelegateExecution execution) {
        execution.setVariableLocal(LEVEL_BEFORE, Variables.integerValue(level(execution), true));
    }

    /** A new escalation level was opened, unless the chain's top only got a reminder (same level). */
    void escalated(DelegateExecution execution) {
        int level = level(execution);
        Object before = execution.getVariableLocal(LEVEL_BEFORE);
        execution.removeVariableLocal(LEVEL_BEFORE);
        if (level > 0 && !(before instanceof Integer previous && previous == level)) {
            afterCommit(() -> escalations(level).increment());
        }
    }

    /** The checklist form's key when the handoff's own deployment holds a Camunda Form of that key, else {@value #OTHER}. */
    String deployedForm(String processDefinitionId, Object formKey) {
        if (!(formKey instanceof String key) || processDefinitionId == null) {
            return OTHER;
        }
        String deploymentId = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(processDefinitionId).getDeploymentId();
        String known = deploymentId + "/" + key;
        if (deployedForms.contains(known)) {
            return key;
        }
        if (Context.getCommandContext().getCamundaFormDefinitionManager().findDefinitionByDeploymentAndKey(deploymentId, key) == null) {
            return OTHER;
        }
        deployedForms.add(known);
        return key;
    }

    private static int level(DelegateExecution execution) {
        return execution.getVariable(EscalationProcess.VAR_LEVEL) instanceof Integer level ? level : 0;
    }

    private Counter escalations(int level) {
        return Counter.builder(ESCALATIONS).description("Escalations opened, by level (1 = the lapser's manager)")
                .tag("level", level <= MAX_LEVEL_TAG ? Integer.toString(level) : OTHER).register(registry);
    }

    private Timer firstTouchTimer() {
        return Timer.builder(FIRST_TOUCH_LAG).description("From a lead's capture to the completion of its qualification")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry);
    }

    private Instant now() {
        return clock.instant();
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
