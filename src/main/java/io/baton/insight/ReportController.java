package io.baton.insight;

import io.baton.integration.WebhookHealth;
import io.baton.system.InvalidRequest;
import io.baton.system.ManagersOrAdmin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Managers and administrators see where work waits; reps see their own work in Tasklist instead. */
@RestController
@Validated
@RequestMapping("/api/reports")
@ManagersOrAdmin
class ReportController {

    static final String SVG = "image/svg+xml";

    private final Reports reports;
    private final BottleneckPicture picture;
    private final WebhookHealth webhooks;

    ReportController(Reports reports, BottleneckPicture picture, WebhookHealth webhooks) {
        this.reports = reports;
        this.picture = picture;
        this.webhooks = webhooks;
    }

    /** Each webhook subscription's delivery state, so a failing receiver shows in Cockpit before events are dead-lettered. */
    @GetMapping(path = "/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    List<WebhookHealth.Subscription> webhooks() {
        return webhooks.subscriptions();
    }

    @GetMapping(path = "/bottlenecks", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Reports.Bottleneck> bottlenecks() {
        return reports.bottlenecks();
    }

    @GetMapping(path = "/owners", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Reports.OwnerLoad> owners() {
        return reports.owners();
    }

    @GetMapping(path = "/stalled", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Reports.StalledLead> stalled(@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return reports.stalled(limit);
    }

    /**
     * The at-a-glance page of Cockpit. {@code zone} is the reader's time zone (the browser's), so
     * "today" starts at their midnight; UTC when not given.
     */
    @GetMapping(path = "/today", produces = MediaType.APPLICATION_JSON_VALUE)
    Reports.Glance today(@RequestParam(required = false) String zone) {
        return reports.today(zone(zone));
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
                    InvalidRequest.problem("zone", "must be a time zone such as Europe/Berlin or UTC"), e);
        }
    }

    @GetMapping(path = "/bottlenecks.svg", produces = SVG)
    ResponseEntity<String> bottlenecksPicture() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(new MediaType("image", "svg+xml", StandardCharsets.UTF_8))
                .body(picture.render(reports.bottlenecks()));
    }
}
