package io.baton.lead.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import io.baton.lead.SuppressedContactException;
import io.baton.lead.StageOwners;
import io.baton.lead.WorkingClock;
import io.baton.lead.imports.ImportStore.Outcome;
import io.baton.lead.imports.ImportStore.RowOutcome;
import io.baton.lead.imports.ImportStore.Status;
import jakarta.annotation.PreDestroy;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of leads. The upload is spooled to a temporary file and checked as a whole (header,
 * row limit, record size) before anything is stored; then a worker captures the rows in batches,
 * each batch one transaction through {@link LeadIntake}, the same path as {@code POST /api/leads}.
 * A batch that fails is redone row by row, so one bad row costs only itself. Every row ends up in
 * exactly one of created, duplicate or rejected, recorded in the transaction that decided it.
 */
@Service
class LeadImports {

    private static final Logger log = LoggerFactory.getLogger(LeadImports.class);

    private final LeadIntake intake;
    private final Validator validator;
    private final ImportStore store;
    private final ImportProperties properties;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final IdentityService identityService;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor batchWorkers;
    private final StageOwners owners;
    private final WorkingClock workingClock;
    private volatile boolean stopping;

    /**
     * What placing the rows of one import at their stages needs: the stages the deployed diagram
     * lets a lead be imported at (with the teams that work each), when the first deadlines start
     * (the import's start plus the grace) and how many rows the spread is shared among.
     */
    record Placing(Map<String, List<String>> stages, Instant firstDue, int rows, String actor) {
    }

    LeadImports(LeadIntake intake, Validator validator, ImportStore store, ImportProperties properties, ObjectMapper json,
                PlatformTransactionManager transactionManager, IdentityService identityService, Clock clock, StageOwners owners,
                WorkingClock workingClock) {
        this.owners = owners;
        this.workingClock = workingClock;
        this.intake = intake;
        this.validator = validator;
        this.store = store;
        this.properties = properties;
        this.json = json;
        this.transaction = new TransactionTemplate(transactionManager);
        this.identityService = identityService;
        this.clock = clock;
        BlockingQueue<Runnable> queue = properties.queueCapacity() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(properties.queueCapacity());
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.SECONDS, queue,
                work -> new Thread(work, "baton-import-" + threads.incrementAndGet()));
        AtomicInteger batchThreads = new AtomicInteger();
        this.batchWorkers = new ThreadPoolExecutor(properties.batchWorkers(), properties.batchWorkers(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), work -> new Thread(work, "baton-import-batch-" + batchThreads.incrementAndGet()));
    }

    /**
     * Accepts a file for import and queues it; the answer names the import to follow. A file that
     * places leads at a stage or names owners ({@code owner}, {@code stage}) is refused as a whole
     * unless {@code mayPlace} (managers, admins): nothing of it is stored.
     */
    String receive(ImportFormat format, InputStream body, Charset charset, String user, boolean mayPlace) throws IOException {
        Path file = Files.createTempFile("baton-import-", "." + format.name().toLowerCase());
        boolean queued = false;
        try {
            spool(body, file);
            Counted counted = countRows(format, file, charset);
            if (!mayPlace && !counted.pipelineColumns().isEmpty()) {
                throw new ImportFileException(HttpStatus.FORBIDDEN, "Import at a stage not allowed",
                        "Only managers and admins may import leads with " + String.join(" and ", counted.pipelineColumns())
                                + "; send the file without these columns to have the leads routed",
                        counted.pipelineColumns().stream().map(column -> new RowProblem(column,
                                "only managers and admins may import leads with an owner or at a stage")).toList());
            }
            int rows = counted.rows();
            String id = UUID.randomUUID().toString();
            store.insert(id, format, rows, user, clock.instant());
            try {
                workers.execute(() -> run(id, format, file, charset, user, rows));
                queued = true;
            } catch (RejectedExecutionException busy) {
                store.status(id, Status.FAILED, "Baton was busy with other imports; send the file again later", clock.instant());
                throw new ImportFileException(HttpStatus.SERVICE_UNAVAILABLE, "Imports busy",
                        "Baton is working off other imports; send the file again later", List.of());
            }
            return id;
        } finally {
            if (!queued) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void spool(InputStream body, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buffer)) != -1) {
                total += n;
                if (total > properties.maxBytes()) {
                    throw ImportFileException.tooLarge("The file is larger than " + properties.maxBytes() + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private record Counted(int rows, List<String> pipelineColumns) {
    }

    /** Reads the whole file once, so a file that cannot be imported is refused before any row is stored. */
    private Counted countRows(ImportFormat format, Path file, Charset charset) throws IOException {
        int rows = 0;
        try (BufferedReader reader = reader(file, charset)) {
            LeadRows source = LeadRows.open(format, reader, properties.maxRecordChars(), json);
            while (source.next() != null) {
                if (++rows > properties.maxRows()) {
                    throw ImportFileException.tooLarge("The file has more than " + properties.maxRows()
                            + " rows; split it into files of at most " + properties.maxRows() + " rows");
                }
            }
            return new Counted(rows, List.copyOf(source.pipelineColumns()));
        } catch (CharacterCodingException undecodable) {
            // The record after the last one read (CSV counts its header line).
            int line = rows + (format == ImportFormat.CSV ? 2 : 1);
            throw ImportFileException.invalid(line, "file", "is not valid " + charset.name());
        }
    }

    private static BufferedReader reader(Path file, Charset charset) throws IOException {
        // Bytes that are not valid in the charset refuse the file; a silent U+FFFD would store text nobody sent.
        CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), strict), 64 * 1024);
    }

    private void run(String id, ImportFormat format, Path file, Charset charset, String user, int rows) {
        Batches batches = new Batches(id, user);
        try (BufferedReader reader = reader(file, charset)) {
            store.status(id, Status.RUNNING, null, clock.instant());
            batches.placing = placing(rows, user);
            LeadRows source = LeadRows.open(format, reader, properties.maxRecordChars(), json);
            List<LeadRows.Row> batch = new ArrayList<>(properties.batchSize());
            LeadRows.Row row;
            while ((row = source.next()) != null && batches.accepting()) {
                batch.add(row);
                if (batch.size() == properties.batchSize()) {
                    batches.submit(batch);
                    batch = new ArrayList<>(properties.batchSize());
                }
            }
            if (!batch.isEmpty() && batches.accepting()) {
                batches.submit(batch);
            }
            batches.awaitAll();
            if (batches.failure() != null) {
                throw batches.failure();
            }
            if (batches.firstSkippedLine() > 0) {
                store.status(id, Status.INTERRUPTED, "Baton shut down during the import; rows from line "
                        + batches.firstSkippedLine() + " on were not imported", clock.instant());
            } else {
                store.status(id, Status.DONE, null, clock.instant());
            }
        } catch (RuntimeException | IOException | InterruptedException failure) {
            log.error("Import {} failed", id, failure);
            batches.awaitQuietly();
            store.status(id, Status.FAILED, "The import stopped unexpectedly; rows not counted as read were not imported", clock.instant());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the spooled file of import {}: {}", id, e.toString());
            }
        }
    }

    /**
     * The batches of one import, worked off by up to {@code batch-workers} threads at once. The
     * reader stays at most that many batches ahead; after shutdown starts no further batch begins,
     * and the ones running finish, so what was not imported is always a tail of the file.
     */
    private final class Batches {

        private final String id;
        private final String user;
        private final Semaphore slots = new Semaphore(properties.batchWorkers());
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final AtomicLong firstSkippedLine = new AtomicLong(Long.MAX_VALUE);
        private volatile Placing placing;

        Batches(String id, String user) {
            this.id = id;
            this.user = user;
        }

        boolean accepting() {
            return failure.get() == null && firstSkippedLine.get() == Long.MAX_VALUE;
        }

        void submit(List<LeadRows.Row> batch) throws InterruptedException {
            slots.acquire();
            try {
                batchWorkers.execute(() -> {
                    // Leads, ledger periods and process instances name the uploader as the actor, as for a single POST.
                    identityService.setAuthentication(user, List.of());
                    try {
                        if (!work(id, batch, placing)) {
                            firstSkippedLine.accumulateAndGet(batch.get(0).line(), Math::min);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        identityService.clearAuthentication();
                        slots.release();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                slots.release();
                firstSkippedLine.accumulateAndGet(batch.get(0).line(), Math::min);
            }
        }

        void awaitAll() throws InterruptedException {
            slots.acquire(properties.batchWorkers());
            slots.release(properties.batchWorkers());
        }

        void awaitQuietly() {
            try {
                awaitAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        RuntimeException failure() {
            return failure.get();
        }

        long firstSkippedLine() {
            long line = firstSkippedLine.get();
            return line == Long.MAX_VALUE ? 0 : line;
        }
    }

    /** The import's start, for spreading first deadlines: one instant for the whole file, so the spread is the file's. */
    Placing placing(int rows, String actor) {
        return new Placing(intake.placeableStages(), workingClock.add(clock.instant(), properties.grace()), Math.max(1, rows), actor);
    }

    /** Works off a batch on its own: its rows are the whole spread. */
    boolean work(String id, List<LeadRows.Row> batch) {
        return work(id, batch, placing(batch.size(), null));
    }

    /** Works off one batch; false when Baton is shutting down and the batch was not started. */
    boolean work(String id, List<LeadRows.Row> batch, Placing placing) {
        if (stopping) {
            return false;
        }
        try {
            transaction.executeWithoutResult(status -> store.record(id, batch.stream().map(row -> capture(row, placing)).toList(), clock.instant()));
        } catch (RuntimeException batchFailed) {
            log.debug("Batch of import {} from line {} failed, redoing it row by row: {}", id, batch.get(0).line(), batchFailed.toString());
            for (LeadRows.Row row : batch) {
                try {
                    transaction.executeWithoutResult(status -> store.record(id, List.of(capture(row, placing)), clock.instant()));
                } catch (RuntimeException rowFailed) {
                    log.warn("Import {} could not store line {}", id, row.line(), rowFailed);
                    RowOutcome rejected = new RowOutcome(row.line(), Outcome.REJECTED, null, row.externalId(),
                            List.of(new RowProblem(RowProblem.WHOLE_ROW, "could not be stored; send this row again")));
                    transaction.executeWithoutResult(status -> store.record(id, List.of(rejected), clock.instant()));
                }
            }
        }
        return true;
    }

    private RowOutcome capture(LeadRows.Row row, Placing placing) {
        if (!row.readable()) {
            return new RowOutcome(row.line(), Outcome.REJECTED, null, row.externalId(), row.problems());
        }
        List<RowProblem> problems = new ArrayList<>(validate(row.request()));
        LeadIntake.Placement placement = row.placed() ? placement(row, placing, problems) : null;
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(RowProblem::field).thenComparing(RowProblem::message));
            return new RowOutcome(row.line(), Outcome.REJECTED, null, row.externalId(), problems);
        }
        LeadIntake.Captured captured;
        try {
            captured = placement == null ? intake.capture(row.request()) : intake.capture(row.request(), placement);
        } catch (SuppressedContactException suppressed) {
            return new RowOutcome(row.line(), Outcome.REJECTED, null, row.externalId(),
                    List.of(new RowProblem(SuppressedContactException.FIELD, SuppressedContactException.MESSAGE)));
        }
        return new RowOutcome(row.line(), captured.created() ? Outcome.CREATED : Outcome.DUPLICATE, captured.lead().getId(),
                row.externalId(), List.of());
    }

    /**
     * Where the row places its lead: at {@code stage} ({@code qualifyLead} when only an owner is
     * named) with {@code owner}, who must work in a team the diagram gives that stage; first due at
     * the grace plus the row's share of the spread ({@code index / rows}: the file's rows evenly
     * over the window, in file order). Problems name the column at fault.
     */
    private LeadIntake.Placement placement(LeadRows.Row row, Placing placing, List<RowProblem> problems) {
        String stage = row.stage() == null ? LeadLifecycle.TASK_QUALIFY_LEAD : row.stage();
        List<String> teams = placing.stages().get(stage);
        if (teams == null) {
            problems.add(new RowProblem(LeadRows.STAGE, "is not a stage a lead can be imported at; use one of "
                    + String.join(", ", placing.stages().keySet())));
        }
        if (row.owner() == null) {
            problems.add(new RowProblem(LeadRows.OWNER, "is required with a stage: name the person who holds the lead there"));
        } else if (teams != null) {
            owners.refusal(row.owner(), teams).ifPresent(why -> problems.add(new RowProblem(LeadRows.OWNER, why)));
        }
        double share = Math.min(1.0, (double) row.index() / placing.rows());
        return new LeadIntake.Placement(stage, row.owner(), workingClock.within(placing.firstDue(), properties.spread(), share), placing.actor());
    }

    private List<RowProblem> validate(LeadRequest request) {
        return validator.validate(request).stream()
                .map(v -> new RowProblem(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(RowProblem::field).thenComparing(RowProblem::message))
                .toList();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        workers.shutdown();
        if (!workers.awaitTermination(15, TimeUnit.SECONDS)) {
            log.warn("Imports still running at shutdown are left INTERRUPTED");
            workers.shutdownNow();
        }
        batchWorkers.shutdown();
        batchWorkers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
