package io.baton.ownership;

import io.baton.system.SystemCommands;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/me/password}: everyone changes their own password here, proving the old one. A
 * user's grant on their own Camunda record is READ (see {@code system.DefaultGrantsPlugin}), so
 * Camunda's own credentials call is refused for them; Baton makes the change on its own authority
 * once the old password checks out.
 */
@RestController
class PasswordController {

    static final int MIN_LENGTH = 8;

    record PasswordChange(@NotNull String oldPassword, @NotNull @Size(min = MIN_LENGTH, max = 200) String newPassword) {
    }

    private final IdentityService identityService;
    private final SystemCommands system;

    PasswordController(IdentityService identityService, SystemCommands system) {
        this.identityService = identityService;
        this.system = system;
    }

    @PutMapping(path = "/api/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> change(@Valid @RequestBody PasswordChange request, Authentication who) {
        String userId = who.getName();
        if (!identityService.checkPassword(userId, request.oldPassword())) {
            throw invalid("oldPassword", "is not your current password");
        }
        String next = request.newPassword();
        if (next.toLowerCase(Locale.ROOT).contains(userId.toLowerCase(Locale.ROOT))) {
            throw invalid("newPassword", "must not contain your user id");
        }
        if (next.equals(request.oldPassword())) {
            throw invalid("newPassword", "must differ from the current password");
        }
        system.run(() -> {
            User user = identityService.createUserQuery().userId(userId).singleResult();
            user.setPassword(next);
            identityService.saveUser(user);
        });
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException invalid(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
