package io.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.testing.ProcessTestSupport;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A checklist item shown only under a condition would be missing whenever it is hidden: such a form is refused at deploy time. */
class ChecklistFormGuardTest extends ProcessTestSupport {

    private static final String DIAGRAM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                id="definitions_guard" targetNamespace="http://baton.io/test">
              <bpmn:process id="checklist-guard-test" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="start" />
                <bpmn:callActivity id="callActivity_handoff" calledElement="lead-handoff">
                  <bpmn:extensionElements><camunda:in sourceExpression="guarded-checklist" target="checklistForm" /></bpmn:extensionElements>
                </bpmn:callActivity>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="flow_1" sourceRef="start" targetRef="callActivity_handoff" />
                <bpmn:sequenceFlow id="flow_2" sourceRef="callActivity_handoff" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>""";

    private static final String CONDITIONAL_ITEM = """
            {"id": "guarded-checklist", "type": "default", "components": [
              {"type": "checkbox", "key": "contactVerified", "label": "Contact verified", "id": "Field_contactVerified"},
              {"type": "checkbox", "key": "budgetKnown", "label": "Budget known", "id": "Field_budgetKnown",
               "conditional": {"hide": "=contactVerified = false"}}]}""";

    @Autowired
    RepositoryService repositoryService;

    @Test
    void aChecklistItemShownOnlyUnderAConditionIsRefusedAtDeployTime() {
        long before = repositoryService.createDeploymentQuery().count();
        assertThatThrownBy(() -> repositoryService.createDeployment().name("guard-test")
                .addString("guard.bpmn", DIAGRAM)
                .addString("guarded-checklist.form", CONDITIONAL_ITEM)
                .deploy())
                .hasMessageContaining("guarded-checklist").hasMessageContaining("budgetKnown").hasMessageContaining("condition");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void aChecklistFormDeployedOnItsOwnIsJudgedByTheDiagramsAlreadyDeployed() {
        long before = repositoryService.createDeploymentQuery().count();

        // A designer changes only the SDR→AE checklist in Modeler and deploys that one file; the lifecycle
        // deployed before hands it to the handoff.
        assertThatThrownBy(() -> repositoryService.createDeployment().name("guard-test-form")
                .addString("handoff-to-ae.form", CONDITIONAL_ITEM.replace("guarded-checklist", "handoff-to-ae"))
                .deploy())
                .hasMessageContaining("handoff-to-ae").hasMessageContaining("budgetKnown");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void conditionalCheckboxesAreFoundInNestedComponents() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(ChecklistDefinitions.conditionalItems(json.readTree(CONDITIONAL_ITEM.getBytes(StandardCharsets.UTF_8)).path("components")))
                .containsExactly("budgetKnown");
        assertThat(ChecklistDefinitions.conditionalItems(json.readTree("""
                [{"type": "group", "components": [{"type": "checkbox", "key": "a", "conditional": {"hide": "=x"}}]},
                 {"type": "textarea", "key": "why", "conditional": {"hide": "=x"}}]""")))
                .containsExactly("a");
    }
}
