package io.baton.lead.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code baton.imports.*}: how big a file may be and how it is worked off. A batch is one
 * transaction; {@code workers} files are imported at once, each by up to {@code batchWorkers}
 * batches in parallel; larger batches commit less often. Leads imported at a stage are first due
 * {@code grace} after the import starts, spread evenly over the following {@code spread} (both in
 * working time), so a migration does not come back as one escalation storm.
 */
@Validated
@ConfigurationProperties("baton.imports")
record ImportProperties(
        @Min(1) int maxRows,
        @Min(1) long maxBytes,
        @Min(256) int maxRecordChars,
        @Min(1) @Max(5000) int batchSize,
        @Min(1) @Max(16) int workers,
        @Min(1) @Max(16) int batchWorkers,
        @Min(0) int queueCapacity,
        @NotNull Duration staleAfter,
        @NotNull Duration grace,
        @NotNull Duration spread) {

    ImportProperties {
        if (grace != null && grace.isNegative()) {
            throw new IllegalArgumentException("baton.imports.grace must be an ISO-8601 duration of zero or more, e.g. PT2H; got " + grace);
        }
        if (spread != null && spread.isNegative()) {
            throw new IllegalArgumentException("baton.imports.spread must be an ISO-8601 duration of zero or more, e.g. P1D; got " + spread);
        }
    }
}
