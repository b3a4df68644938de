package io.baton.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.baton.escalation.EscalationProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** Tag values a user could write into a variable collapse into a bounded set. */
class InsightMetricTagsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final InsightMetrics metrics = new InsightMetrics(registry, null, Clock.systemUTC());

    @Test
    void aForgedEscalationLevelIsCountedAsOtherNotAsANewSeries() {
        for (int forged : new int[] {11, 4711, Integer.MAX_VALUE}) {
            DelegateExecution execution = mock(DelegateExecution.class);
            when(execution.getVariable(EscalationProcess.VAR_LEVEL)).thenReturn(forged);
            metrics.escalated(execution);
        }
        DelegateExecution real = mock(DelegateExecution.class);
        when(real.getVariable(EscalationProcess.VAR_LEVEL)).thenReturn(2);
        metrics.escalated(real);

        assertThat(registry.get(InsightMetrics.ESCALATIONS).tag("level", InsightMetrics.OTHER).counter().count()).isEqualTo(3);
        assertThat(registry.get(InsightMetrics.ESCALATIONS).tag("level", "2").counter().count()).isEqualTo(1);
        assertThat(registry.find(InsightMetrics.ESCALATIONS).counters()).extracting(c -> c.getId().getTag("level"))
                .containsExactlyInAnyOrder("1", "2", InsightMetrics.OTHER);
    }

    @Test
    void aChecklistFormThatIsNotAStringIsOther() {
        assertThat(metrics.deployedForm("lead-handoff:1:x", 42)).isEqualTo(InsightMetrics.OTHER);
        assertThat(metrics.deployedForm("lead-handoff:1:x", null)).isEqualTo(InsightMetrics.OTHER);
    }
}
