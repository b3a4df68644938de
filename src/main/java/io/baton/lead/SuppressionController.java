package io.baton.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.baton.system.BatonGroups;
import io.baton.system.Refusal;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The suppression list for marketing, managers and admins — the people who answer for whom Baton
 * contacts: export it, import addresses and domains (all or nothing: one bad entry and nothing is
 * stored), lift an imported entry.
 */
@RestController
@RequestMapping("/api/suppressions")
@PreAuthorize("hasAnyAuthority('" + BatonGroups.MARKETING_AUTHORITY + "', '" + BatonGroups.MANAGERS_AUTHORITY + "', '"
        + BatonGroups.ADMINS_AUTHORITY + "')")
class SuppressionController {

    static final int MAX_ENTRIES = 10_000;
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    record EntryRequest(
            @PlainText @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String email,
            @PlainText @Size(max = 253) String domain,
            @PlainText @Size(max = 500) String reason) {
    }

    record ImportRequest(List<EntryRequest> entries) {
    }

    record ImportView(int stored, int alreadySuppressed, List<String> stoppedLeads) {
    }

    /** One entry of the export; {@code email} and {@code domain} are always written, one of them null. */
    record SuppressionView(@JsonInclude(JsonInclude.Include.ALWAYS) String email, @JsonInclude(JsonInclude.Include.ALWAYS) String domain,
                           Instant since, String source, String actor, String reason) {
    }

    private final Suppressions suppressions;
    private final Validator validator;

    SuppressionController(Suppressions suppressions, Validator validator) {
        this.suppressions = suppressions;
        this.validator = validator;
    }

    /** JSON, or CSV with {@code ?format=csv} or {@code Accept: text/csv}. */
    @GetMapping
    ResponseEntity<?> export(@RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (format != null && !"csv".equals(format)) {
            throw LeadProblems.of(HttpStatus.BAD_REQUEST, "Invalid request", "format", "must be csv, or absent for JSON");
        }
        if ("csv".equals(format) || accept != null && accept.contains("text/csv")) {
            return csv();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(suppressions.list().stream()
                .map(l -> new SuppressionView(l.email(), l.domain(), l.since(), l.source(), l.actor(), l.reason())).toList());
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ImportView importEntries(@RequestBody ImportRequest request, Authentication who) {
        Suppressions.Imported imported = suppressions.importEntries(validated(request), who.getName());
        return new ImportView(imported.stored(), imported.alreadySuppressed(), imported.stoppedLeads());
    }

    @DeleteMapping
    ResponseEntity<Void> lift(@RequestParam(required = false) String email, @RequestParam(required = false) String domain,
                              Authentication who) {
        EntryRequest entry = new EntryRequest(email, domain, null);
        List<Refusal.Problem> problems = problems(entry, "");
        if (!problems.isEmpty()) {
            throw LeadProblems.of(HttpStatus.BAD_REQUEST, "Invalid request", problems);
        }
        Suppressions.Entry normal = normalised(entry);
        suppressions.lift(normal.email(), normal.domain(), who.getName());
        return ResponseEntity.noContent().build();
    }

    /** The entries normalised, or 400 naming every bad field as {@code entries[3].email}; nothing is stored then. */
    private List<Suppressions.Entry> validated(ImportRequest request) {
        if (request == null || request.entries() == null) {
            throw LeadProblems.of(HttpStatus.BAD_REQUEST, "Invalid request", "entries", "must be a list of entries");
        }
        List<EntryRequest> entries = request.entries();
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw LeadProblems.of(HttpStatus.BAD_REQUEST, "Invalid request", "entries",
                    "must hold 1 to " + MAX_ENTRIES + " entries (found " + entries.size() + ")");
        }
        List<Refusal.Problem> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EntryRequest entry = entries.get(i);
            if (entry == null) {
                problems.add(new Refusal.Problem("entries[" + i + "]", "must be an object with email or domain"));
            } else {
                problems.addAll(problems(entry, "entries[" + i + "]."));
            }
        }
        if (!problems.isEmpty()) {
            throw LeadProblems.of(HttpStatus.BAD_REQUEST, "Invalid suppression entries", problems);
        }
        return entries.stream().map(SuppressionController::normalised).toList();
    }

    private List<Refusal.Problem> problems(EntryRequest entry, String prefix) {
        List<Refusal.Problem> problems = new ArrayList<>();
        for (ConstraintViolation<EntryRequest> violation : validator.validate(entry)) {
            problems.add(new Refusal.Problem(prefix + violation.getPropertyPath(), violation.getMessage()));
        }
        boolean emailValid = problems.stream().noneMatch(p -> p.field().equals(prefix + "email"));
        boolean domainValid = problems.stream().noneMatch(p -> p.field().equals(prefix + "domain"));
        if (entry.email() == null && entry.domain() == null) {
            problems.add(new Refusal.Problem(prefix + "email", "exactly one of email or domain is required"));
        } else if (entry.email() != null && entry.domain() != null) {
            problems.add(new Refusal.Problem(prefix + "domain", "must not be given together with email; send one entry each"));
        } else if (entry.email() != null && emailValid && entry.email().isBlank()) {
            problems.add(new Refusal.Problem(prefix + "email", "must not be blank"));
        } else if (entry.domain() != null && domainValid) {
            domainProblem(entry.domain()).ifPresent(message -> problems.add(new Refusal.Problem(prefix + "domain", message)));
        }
        problems.sort(Comparator.comparing(Refusal.Problem::field).thenComparing(Refusal.Problem::message));
        return problems;
    }

    private static Optional<String> domainProblem(String domain) {
        if (domain.strip().startsWith("@") || domain.contains("@")) {
            return Optional.of("must be a domain without '@', such as acme.com");
        }
        if (AccountDomains.host(domain).isEmpty()) {
            return Optional.of("must be a host name such as acme.com (two labels or more of letters, digits and hyphens)");
        }
        return Optional.empty();
    }

    private static Suppressions.Entry normalised(EntryRequest entry) {
        String reason = entry.reason() == null || entry.reason().isBlank() ? null : entry.reason().strip();
        return entry.email() != null ? new Suppressions.Entry(Lead.normalizeEmail(entry.email()), null, reason)
                : new Suppressions.Entry(null, AccountDomains.host(entry.domain()).orElseThrow(), reason);
    }

    private ResponseEntity<String> csv() {
        StringBuilder out = new StringBuilder("email,domain,since,source,actor,reason\r\n");
        for (Suppressions.Listed l : suppressions.list()) {
            out.append(String.join(",", cell(l.email()), cell(l.domain()), cell(l.since().toString()), cell(l.source()), cell(l.actor()),
                    cell(l.reason()))).append("\r\n");
        }
        return ResponseEntity.ok().contentType(CSV).body(out.toString());
    }

    /** RFC 4180 quoting; a cell a spreadsheet would run as a formula is quoted and led by an apostrophe. */
    private static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = text.startsWith("'") || text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
