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
 * batches in parallel; larger batches commit less often.
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
        @NotNull Duration staleAfter) {
}
