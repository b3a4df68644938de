package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.testing.ProcessTestSupport;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OwnershipGuardTest extends ProcessTestSupport {

    @Autowired
    RepositoryService repositoryService;

    @Test
    void poolOnlyUserTaskCannotBeDeployed() {
        assertThatThrownBy(() -> deploy(process("pool-only", "admin", "camunda:candidateGroups=\"sdr\"", true)))
                .hasMessageContaining("process 'pool-only'")
                .hasMessageContaining("user task 'work' has no assignee")
                .hasMessageContaining("candidate users or groups alone do not count");
    }

    @Test
    void userTaskWithoutEscalationTimerCannotBeDeployed() {
        assertThatThrownBy(() -> deploy(process("no-timer", "admin", "camunda:assignee=\"${owner}\"", false)))
                .hasMessageContaining("process 'no-timer'")
                .hasMessageContaining("user task 'work' has no timer boundary event");
    }

    @Test
    void aStageTakingImportsMustBeAnOwnerTaskAssignedToTheOwner() {
        String imports = "<camunda:property name=\"sla\" value=\"stage-stall\" /><camunda:property name=\"import.teams\" value=\"ae\" />";
        assertThatThrownBy(() -> deploy(process("import-sender", "admin", "camunda:assignee=\"${sender}\"", true)
                .replace("<camunda:property name=\"sla\" value=\"stage-stall\" />", imports + "<camunda:property name=\"lead.owner\" value=\"true\" />")))
                .hasMessageContaining("user task 'work' takes imported leads ('import.teams') but is not an owner task assigned ${owner}");
        assertThatThrownBy(() -> deploy(process("import-not-owned", "admin", "camunda:assignee=\"${owner}\"", true)
                .replace("<camunda:property name=\"sla\" value=\"stage-stall\" />", imports)))
                .hasMessageContaining("user task 'work' takes imported leads");
    }

    @Test
    void processWithoutStewardCannotBeDeployed() {
        assertThatThrownBy(() -> deploy(process("no-steward", null, "camunda:assignee=\"${owner}\"", true)))
                .hasMessageContaining("process 'no-steward'")
                .hasMessageContaining("no 'steward' extension property");
    }

    @Test
    void ownedTimedProcessDeploysAndItsFailuresBecomeTheStewardsTask() {
        String xml = process("owned", "hana", "camunda:assignee=\"${owner}\"", true)
                .replace("<bpmn:startEvent id=\"start\" />",
                        "<bpmn:startEvent id=\"start\" /><bpmn:serviceTask id=\"fragile\" camunda:asyncBefore=\"true\" camunda:expression=\"${notABean.call()}\" />")
                .replace("sourceRef=\"start\" targetRef=\"work\"", "sourceRef=\"start\" targetRef=\"fragile\" /><bpmn:sequenceFlow id=\"f0\" sourceRef=\"fragile\" targetRef=\"work\"");
        String deploymentId = deploy(xml);
        try {
            var instance = runtimeService.startProcessInstanceByKey("owned", Map.of("owner", "sam"));
            var job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
            managementService.setJobRetries(job.getId(), 1);
            assertThatThrownBy(() -> managementService.executeJob(job.getId())).isNotNull();
            Task repair = taskService.createTaskQuery().taskAssignee("hana").taskNameLike(StewardIncidentHandler.TASK_PREFIX + "%").singleResult();
            assertThat(repair).isNotNull();
            assertThat(repair.getName()).contains("fragile");
            assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
            taskService.deleteTask(repair.getId(), true);
        } finally {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    private String deploy(String xml) {
        return repositoryService.createDeployment().addString("guard-test.bpmn", xml).deploy().getId();
    }

    private static String process(String id, String steward, String assignment, boolean timer) {
        String properties = steward == null ? ""
                : "<bpmn:extensionElements><camunda:properties><camunda:property name=\"steward\" value=\"" + steward + "\" /></camunda:properties></bpmn:extensionElements>";
        String boundary = timer
                ? "<bpmn:boundaryEvent id=\"late\" attachedToRef=\"work\" cancelActivity=\"false\"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
                        + "<bpmn:callActivity id=\"escalate\" calledElement=\"lead-escalation\" /><bpmn:sequenceFlow id=\"fLate\" sourceRef=\"late\" targetRef=\"escalate\" />"
                : "";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">%s
                    <bpmn:startEvent id="start" />
                    <bpmn:userTask id="work" %s><bpmn:extensionElements><camunda:properties><camunda:property name="sla" value="stage-stall" /></camunda:properties></bpmn:extensionElements></bpmn:userTask>%s
                    <bpmn:endEvent id="end" />
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
                    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
                  </bpmn:process>
                </bpmn:definitions>""".formatted(id, properties, assignment, boundary).strip();
    }
}
