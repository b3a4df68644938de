package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.testing.ProcessTestSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Random sequences of what people and timers do to leads — capture, work, reject, breach,
 * escalation decisions, availability, offboarding, unsubscribing — with the ownership invariant
 * checked after every step. Seeds are fixed so a failure replays exactly.
 */
class OwnershipInvariantPropertyTest extends ProcessTestSupport {

    private static final List<String> REPS = List.of("sam", "sofia", "alex", "ava", "dana", "devon");

    @Autowired
    OwnershipHealth health;
    @Autowired
    Offboarding offboarding;
    @Autowired
    TeamDirectory directory;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 42, 1234, 99991})
    void ownershipInvariantHoldsAfterEveryStep(long seed) {
        Random random = new Random(seed);
        List<String> touched = new ArrayList<>();
        for (int step = 0; step < 70; step++) {
            String action = act(random, touched);
            String context = "seed " + seed + ", step " + step + " (" + action + ")";
            var report = health.measure();
            assertThat(report.leadsWithoutOwner()).as(context).isZero();
            assertThat(report.unassignedTasks()).as(context).isZero();
            assertThat(report.ownerMismatches()).as(context).isZero();
            touched.forEach(this::assertOwnershipInvariant);
        }
        REPS.forEach(rep -> jdbc.update("update baton_team_member set available = true, offboarded = false where user_id = ?", rep));
    }

    private String act(Random random, List<String> touched) {
        int dice = random.nextInt(100);
        if (touched.isEmpty() || dice < 15) {
            String leadId = random.nextInt(4) == 0 ? captureLeadWithoutCompany() : captureReadyLead();
            touched.add(leadId);
            return "capture";
        }
        List<Task> open = touched.stream().flatMap(id -> openTasks(id).stream()).toList();
        if (dice < 60 && !open.isEmpty()) {
            Task task = open.get(random.nextInt(open.size()));
            taskService.complete(task.getId(), answer(task.getTaskDefinitionKey(), random));
            return "complete " + task.getTaskDefinitionKey();
        }
        if (dice < 72) {
            List<Job> breaches = touched.stream()
                    .flatMap(id -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).list().stream())
                    .flatMap(pi -> managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().stream())
                    .toList();
            if (!breaches.isEmpty()) {
                Job job = breaches.get(random.nextInt(breaches.size()));
                managementService.executeJob(job.getId());
                return "fire timer";
            }
        }
        if (dice < 80) {
            String rep = REPS.get(random.nextInt(REPS.size()));
            jdbc.update("update baton_team_member set available = ? where user_id = ? and offboarded = false", random.nextBoolean(), rep);
            return "availability " + rep;
        }
        if (dice < 88) {
            String rep = REPS.get(random.nextInt(REPS.size()));
            String successor = directory.member(rep).map(m -> directory.members(m.getTeam()).stream()
                    .map(TeamMember::getUserId).filter(id -> !id.equals(rep)).findFirst().orElse("morgan")).orElse("morgan");
            if (directory.canTakeWork(successor)) {
                offboarding.offboard(rep, successor, "morgan");
                // Rejoin later, so the sequence keeps enough people to route to.
                jdbc.update("update baton_team_member set offboarded = false, available = true where user_id = ?", rep);
                return "offboard " + rep + " to " + successor;
            }
            return "offboard skipped";
        }
        String leadId = touched.get(random.nextInt(touched.size()));
        if (lead(leadId).isOpen()) {
            runtimeService.createMessageCorrelation(random.nextBoolean() ? LeadLifecycle.MESSAGE_UNSUBSCRIBED : LeadLifecycle.MESSAGE_LOST)
                    .processInstanceBusinessKey(leadId).correlate();
        }
        return "stop";
    }

    private static Map<String, Object> answer(String taskKey, Random random) {
        Map<String, Object> answer = new HashMap<>();
        switch (taskKey) {
            case LeadLifecycle.TASK_FIX_LEAD_DATA -> answer.put("company", random.nextInt(4) == 0 ? "" : "Fixed Co");
            case LeadLifecycle.TASK_QUALIFY_LEAD -> answer.put("qualified", random.nextInt(5) != 0);
            case HandoffProcess.TASK_PREPARE -> {
                answer.putAll(random.nextInt(4) == 0 ? aeChecklist(false) : aeChecklist(true));
                answer.putAll(deliveryChecklist());
            }
            case HandoffProcess.TASK_ACCEPT -> {
                boolean accepted = random.nextInt(3) != 0;
                answer.put("accepted", accepted);
                answer.put("rejectReason", accepted ? null : "not ready");
            }
            case HandoffProcess.TASK_RESOLVE -> answer.put("resolution", "accept");
            case LeadLifecycle.TASK_NEGOTIATE -> answer.put("outcome", random.nextInt(3) == 0 ? "lost" : "won");
            case EscalationProcess.TASK_REVIEW -> {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        answer.put("decision", "reassign");
                        answer.put("newOwner", REPS.get(random.nextInt(REPS.size())));
                    }
                    case 1 -> answer.put("decision", "keep");
                    case 2 -> {
                        answer.put("decision", "keep");
                        answer.put("extendBy", "PT4H");
                    }
                    default -> answer.put("decision", random.nextInt(3) == 0 ? "disqualify" : "keep");
                }
            }
            default -> {
            }
        }
        return answer;
    }
}
