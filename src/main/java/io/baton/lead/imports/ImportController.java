package io.baton.lead.imports;

import io.baton.lead.LeadAccess;
import io.baton.lead.imports.ImportStore.Outcome;
import io.baton.lead.imports.ImportStore.Status;
import io.baton.system.BatonGroups;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /api/leads/import} takes CSV or JSON lines and answers {@code 202} with the import to
 * follow at {@code GET /api/imports/{id}}; the rows are worked off in the background.
 */
@RestController
@Validated
class ImportController {

    record ImportView(String id, ImportFormat format, Status status, int totalRows, int rowsRead, int created, int duplicates,
                      int rejected, String createdBy, Instant createdAt, Instant updatedAt, Instant finishedAt, String failure,
                      PagedModel<RowView> rejectedRows) {
    }

    record RowView(int line, Outcome outcome, String leadId, String externalId, List<RowProblem> errors) {
    }

    private static final Set<String> SUPERVISORS = Set.of(BatonGroups.ADMINS_AUTHORITY, BatonGroups.MANAGERS_AUTHORITY);

    private final LeadImports imports;
    private final ImportStore store;
    private final ImportProperties properties;
    private final LeadAccess access;
    private final Clock clock;

    ImportController(LeadImports imports, ImportStore store, ImportProperties properties, LeadAccess access, Clock clock) {
        this.clock = clock;
        this.imports = imports;
        this.store = store;
        this.properties = properties;
        this.access = access;
    }

    @PostMapping(path = "/api/leads/import", consumes = {"text/csv", "application/x-ndjson"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportView> importLeads(HttpServletRequest request, Authentication principal) throws IOException {
        MediaType contentType = MediaType.parseMediaType(request.getContentType());
        ImportFormat format = ImportFormat.of(contentType).orElseThrow();
        Charset charset = contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
        String id = imports.receive(format, request.getInputStream(), charset, principal.getName(), supervises(principal));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/imports/{id}").buildAndExpand(id).toUri();
        return ResponseEntity.accepted().location(location).body(view(store.find(id).orElseThrow(), 0, 0, principal));
    }

    /** The import's progress and counters, with one page of its rejected rows. */
    @GetMapping(path = "/api/imports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ImportView get(@PathVariable String id,
                   @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                   @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
                   Authentication who) {
        return view(summary(id, who), page, size, who);
    }

    /** Every row's outcome, optionally of one kind, in file order. */
    @GetMapping(path = "/api/imports/{id}/rows", produces = MediaType.APPLICATION_JSON_VALUE)
    PagedModel<RowView> rows(@PathVariable String id,
                             @RequestParam(required = false) Outcome outcome,
                             @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                             @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
                             Authentication who) {
        ImportStore.Summary summary = summary(id, who);
        long total = switch (outcome == null ? "ALL" : outcome.name()) {
            case "CREATED" -> summary.created();
            case "DUPLICATE" -> summary.duplicates();
            case "REJECTED" -> summary.rejected();
            default -> summary.rowsRead();
        };
        return page(store.rows(id, outcome, page * size, size), page, size, total, who);
    }

    private ImportView view(ImportStore.Summary s, int page, int size, Authentication who) {
        String id = s.id();
        PagedModel<RowView> rejected = size == 0 ? null : page(store.rows(id, Outcome.REJECTED, page * size, size), page, size, s.rejected(), who);
        return new ImportView(s.id(), s.format(), effectiveStatus(s), s.totalRows(), s.rowsRead(), s.created(), s.duplicates(),
                s.rejected(), s.createdBy(), s.createdAt(), s.updatedAt(), s.finishedAt(), s.failure(), rejected);
    }

    /** A running import whose worker stopped writing its heartbeat died with its node. */
    private Status effectiveStatus(ImportStore.Summary s) {
        boolean stale = s.status() == Status.RUNNING && s.updatedAt().plus(properties.staleAfter()).isBefore(clock.instant());
        return stale ? Status.INTERRUPTED : s.status();
    }

    /** An import is its creator's, and managers' and admins'; to anyone else it does not exist. */
    private ImportStore.Summary summary(String id, Authentication who) {
        return store.find(id).filter(s -> s.createdBy().equals(who.getName()) || supervises(who)).orElseThrow(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No import with id " + id);
            problem.setTitle("Import not found");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }

    private static boolean supervises(Authentication who) {
        return who.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(SUPERVISORS::contains);
    }

    /**
     * A duplicate row names the existing lead only to a reader who may read that lead; for anyone
     * else its {@code leadId} is left out, as {@code POST /api/leads} answers 409 without lead data.
     */
    private PagedModel<RowView> page(List<ImportStore.RowOutcome> rows, int page, int size, long total, Authentication who) {
        Set<String> duplicates = rows.stream().filter(r -> r.outcome() == Outcome.DUPLICATE && r.leadId() != null)
                .map(ImportStore.RowOutcome::leadId).collect(Collectors.toSet());
        Set<String> readable = access.readable(duplicates, who);
        List<RowView> views = rows.stream().map(r -> new RowView(r.line(), r.outcome(),
                r.outcome() == Outcome.DUPLICATE && !readable.contains(r.leadId()) ? null : r.leadId(),
                r.externalId(), r.problems())).toList();
        return new PagedModel<>(new PageImpl<>(views, PageRequest.of(page, size), total));
    }
}
