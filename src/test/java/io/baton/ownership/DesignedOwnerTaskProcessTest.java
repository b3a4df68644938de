package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.testing.ProcessTestSupport;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The diagram says which tasks carry ownership: a designer who adds an owner task in Modeler —
 * extension properties {@code sla}, {@code lead.owner}, {@code lead.stage} and a breach timer that
 * calls {@code lead-escalation} — gets stage, ledger moves, SLA and escalation with no Java change.
 * A breach timer that leads nowhere is refused at deployment.
 */
class DesignedOwnerTaskProcessTest extends ProcessTestSupport {

    private static final String TASK = "reviewContract";

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    IdentityService identityService;
    @Autowired
    OwnershipHealth health;

    private String deploymentId;

    @AfterEach
    void undeploy() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void anOwnerTaskAddedInTheModelerGetsStageLedgerSlaAndEscalation() {
        // The lead waits at the receiver's acceptance: no other owner task is open.
        String leadId = captureReadyLead();
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        String owner = lead(leadId).getOwner();
        deploymentId = repositoryService.createDeployment().addString("contract-review.bpmn", model(true)).deploy().getId();

        runtimeService.startProcessInstanceByKey("contract-review", leadId, Map.of("owner", owner));

        Task review = task(leadId, TASK);
        assertThat(review).isAssignedTo(owner);
        assertThat(lead(leadId).getStage()).as("a stage because the diagram says so").isEqualTo(TASK);
        assertThat(review.getDueDate()).isAfter(Date.from(now()));
        assertThat(timer(leadId, "timer_reviewContractBreach").getDuedate()).isEqualTo(review.getDueDate());
        assertThat(taskFacts.ownerTaskKeys()).contains(TASK);

        String cover = owner.equals("sam") ? "sofia" : "sam";
        // As a manager does it in Tasklist: the engine call, with the manager's authentication.
        identityService.setAuthentication("morgan", List.of("managers"));
        try {
            taskService.setAssignee(review.getId(), cover);
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(lead(leadId).getOwner()).as("moving an owner task moves the lead").isEqualTo(cover);
        assertThat(ledger(leadId)).last().satisfies(period -> {
            assertThat(period.get("owner")).isEqualTo(cover);
            assertThat(period.get("reason")).isEqualTo(LedgerReason.REASSIGNED.name());
            assertThat(period.get("actor")).isEqualTo("morgan");
        });
        assertThat(health.measure().ownerMismatches()).isZero();

        fireTimer(leadId, "timer_reviewContractBreach");
        assertThat(task(leadId, EscalationProcess.TASK_REVIEW)).isAssignedTo("morgan");
        complete(leadId, EscalationProcess.TASK_REVIEW, Map.of("decision", "keep"));
        assertThat(task(leadId, TASK).getDueDate()).as("re-armed from the task's own SLA").isAfter(Date.from(now()));
        assertThat(timer(leadId, "timer_rearmedBreach").getDuedate()).isEqualTo(task(leadId, TASK).getDueDate());
        assertOwnershipInvariant(leadId);
    }

    @Test
    void aBreachTimerThatLeadsNowhereIsRefused() {
        assertThatThrownBy(() -> repositoryService.createDeployment().addString("contract-review.bpmn", model(false)).deploy())
                .hasMessageContaining("user task '" + TASK + "' has no timer boundary event that leads to an escalation");
    }

    @Test
    void aTaskWithoutAConfiguredSlaIsRefused() {
        assertThatThrownBy(() -> repositoryService.createDeployment().addString("contract-review.bpmn",
                model(true).replace("value=\"first-touch\"", "value=\"whenever\"")).deploy())
                .hasMessageContaining("names SLA 'whenever', which is not configured");
        assertThatThrownBy(() -> repositoryService.createDeployment().addString("contract-review.bpmn",
                model(true).replace("<camunda:property name=\"sla\" value=\"first-touch\" />", "")).deploy())
                .hasMessageContaining("user task '" + TASK + "' names no SLA");
    }

    private static String model(boolean escalates) {
        String breachPath = escalates
                ? """
                  <bpmn:callActivity id="callActivity_reviewContractEscalation" calledElement="lead-escalation"><bpmn:extensionElements><camunda:in businessKey="#{execution.processBusinessKey}" /><camunda:in sourceExpression="reviewContract" target="escalatedTask" /></bpmn:extensionElements></bpmn:callActivity>
                  <bpmn:endEvent id="end_escalated" />
                  <bpmn:sequenceFlow id="flow_breach" sourceRef="timer_reviewContractBreach" targetRef="callActivity_reviewContractEscalation" />
                  <bpmn:sequenceFlow id="flow_escalated" sourceRef="callActivity_reviewContractEscalation" targetRef="end_escalated" />"""
                : """
                  <bpmn:endEvent id="end_ignored" />
                  <bpmn:sequenceFlow id="flow_breach" sourceRef="timer_reviewContractBreach" targetRef="end_ignored" />""";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="test">
                  <bpmn:process id="contract-review" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:extensionElements><camunda:properties><camunda:property name="steward" value="hana" /></camunda:properties></bpmn:extensionElements>
                    <bpmn:startEvent id="start" />
                    <bpmn:userTask id="reviewContract" name="Review contract" camunda:assignee="${owner}" camunda:dueDate="${sla.deadline(execution)}"><bpmn:extensionElements><camunda:properties><camunda:property name="sla" value="first-touch" /><camunda:property name="lead.owner" value="true" /><camunda:property name="lead.stage" value="true" /></camunda:properties></bpmn:extensionElements></bpmn:userTask>
                    <bpmn:boundaryEvent id="timer_reviewContractBreach" cancelActivity="false" attachedToRef="reviewContract"><bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${sla.deadline(execution)}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                    <bpmn:endEvent id="end" />
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="reviewContract" />
                    <bpmn:sequenceFlow id="f2" sourceRef="reviewContract" targetRef="end" />%s
                  </bpmn:process>
                </bpmn:definitions>""".formatted(breachPath).strip();
    }
}
