package io.baton.lead.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.lead.Lead;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadRequest;
import io.baton.lead.StageOwners;
import io.baton.lead.WorkingClock;
import io.baton.lead.imports.ImportStore.Outcome;
import io.baton.lead.imports.ImportStore.RowOutcome;
import jakarta.validation.Validation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;

class LeadImportsTest {

    private final LeadIntake intake = mock(LeadIntake.class);
    private final ImportStore store = mock(ImportStore.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);

    @Test
    void aRowThatFailsToStoreCostsOnlyItselfNotItsBatch() {
        when(transactions.getTransaction(any())).thenAnswer(call -> new SimpleTransactionStatus());
        LeadRequest good1 = request("g-1");
        LeadRequest bad = request("bad");
        LeadRequest good2 = request("g-2");
        Lead lead = mock(Lead.class);
        when(lead.getId()).thenReturn("lead-1");
        when(intake.capture(good1)).thenReturn(new LeadIntake.Captured(lead, true));
        when(intake.capture(good2)).thenReturn(new LeadIntake.Captured(lead, false));
        when(intake.capture(bad)).thenThrow(new IllegalStateException("the database refused this row"));
        LeadImports imports = new LeadImports(intake, Validation.buildDefaultValidatorFactory().getValidator(), store,
                new ImportProperties(100, 1000, 1000, 10, 1, 2, 1, Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofDays(1)),
                new ObjectMapper(), transactions, mock(IdentityService.class), Clock.systemUTC(), mock(StageOwners.class),
                mock(WorkingClock.class));

        imports.work("import-1", List.of(row(2, good1), row(3, bad), row(4, good2),
                new LeadRows.Row(5, new LeadRequest(null, "no-email", null, null, null, null, "web", null), null, List.of())));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<RowOutcome>> recorded = ArgumentCaptor.forClass(List.class);
        verify(store, atLeastOnce()).record(eq("import-1"), recorded.capture(), any());
        List<RowOutcome> outcomes = recorded.getAllValues().stream().flatMap(List::stream).toList();
        assertThat(outcomes).extracting(RowOutcome::line).containsExactly(2, 3, 4, 5);
        assertThat(outcomes).extracting(RowOutcome::outcome)
                .containsExactly(Outcome.CREATED, Outcome.REJECTED, Outcome.DUPLICATE, Outcome.REJECTED);
        assertThat(outcomes.get(1).problems()).extracting(RowProblem::field).containsExactly(RowProblem.WHOLE_ROW);
        assertThat(outcomes.get(3).problems()).extracting(RowProblem::field).containsExactly("email");
    }

    private static LeadRequest request(String externalId) {
        return new LeadRequest(externalId, externalId + "@example.com", null, null, "Acme", "DE", "web", 3);
    }

    private static LeadRows.Row row(int line, LeadRequest request) {
        return new LeadRows.Row(line, request, request.externalId(), List.of());
    }
}
