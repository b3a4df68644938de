package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.baton.escalation.EscalationProcess;
import io.baton.testing.ProcessTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A leaving manager's people and open escalations move to the successor, so no escalation waits on someone who left. */
class ManagerOffboardingProcessTest extends ProcessTestSupport {

    @Autowired
    Offboarding offboarding;
    @Autowired
    TeamDirectory directory;
    @Autowired
    org.camunda.bpm.engine.FilterService filterService;

    @Test
    void offboardingAManagerRepointsTheirReportsAndTheirOpenReviewsToTheSuccessor() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        fireTimer(leadId, "timer_qualificationBreach");
        assertThat(task(leadId, EscalationProcess.TASK_REVIEW)).isAssignedTo("morgan");
        try {
            offboarding.offboard("morgan", "hana", "admin");
            assertThat(task(leadId, EscalationProcess.TASK_REVIEW)).as("morgan's open review").isAssignedTo("hana");
            assertThat(jdbc.queryForList("select reviewer from baton_escalation where lead_id = ? and decided_at is null", String.class, leadId))
                    .as("the open escalation names who holds it now").containsExactly("hana");
            assertThat(directory.managerOf(sdr)).as("morgan's reports").contains("hana");
            assertThat(filterService.createFilterQuery().filterOwner("hana").filterName("My team's work").singleResult().getProperties()
                    .get("description").toString()).as("hana's team filter, in the same transaction").contains(sdr);
            String next = captureReadyLead();
            fireTimer(next, "timer_qualificationBreach");
            assertThat(task(next, EscalationProcess.TASK_REVIEW)).isAssignedTo("hana");
        } finally {
            jdbc.update("update baton_team_member set offboarded = false, available = true where user_id = 'morgan'");
            jdbc.update("update baton_team_member set manager_id = 'morgan' where user_id in ('mara', 'sam', 'sofia', 'alex', 'ava')");
            jdbc.update("update baton_team set manager_id = 'morgan' where name in ('marketing', 'sdr', 'ae')");
        }
    }
}
