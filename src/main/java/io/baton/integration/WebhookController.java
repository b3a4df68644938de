package io.baton.integration;

import io.baton.system.BatonGroups;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions and their dead letters; admins only. The secret is never answered back. */
@RestController
@RequestMapping(path = "/api/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAuthority('" + BatonGroups.ADMINS_AUTHORITY + "')")
class WebhookController {

    record Registration(String url, List<String> events, String secret) {
    }

    record Paused(Boolean paused) {
    }

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> register(@RequestBody Registration registration, Authentication who) {
        return Map.of("id", webhooks.register(registration.url(), registration.events(), registration.secret(), who.getName()));
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return webhooks.list();
    }

    @PutMapping(path = "/{id}/paused", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> pause(@PathVariable String id, @RequestBody Paused paused) {
        if (paused.paused() == null) {
            throw WebhookProblem.invalid("paused", "is required (true or false)");
        }
        webhooks.pause(id, paused.paused());
        return Map.of("id", id, "paused", paused.paused());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        webhooks.delete(id);
    }

    @GetMapping("/{id}/deliveries")
    List<Map<String, Object>> deliveries(@PathVariable String id, @RequestParam(required = false) String status) {
        return webhooks.deliveries(id, status);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/retry")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retry(@PathVariable String id, @PathVariable long deliveryId) {
        webhooks.retry(id, deliveryId);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/skip")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void skip(@PathVariable String id, @PathVariable long deliveryId) {
        webhooks.skip(id, deliveryId);
    }
}
