package io.baton.ownership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creates a team of the directory, or changes its manager. Without the demo profile the directory
 * starts empty and routing has nowhere to send a lead: this is how an administrator sets up the
 * teams the routing decision and the diagrams name ({@code sdr}, {@code ae}, {@code delivery},
 * {@code marketing}) before the first intake.
 */
@RestController
@Validated
@RequestMapping(path = "/api/teams", produces = MediaType.APPLICATION_JSON_VALUE)
class TeamSetupController {

    record TeamRequest(@NotBlank @Size(max = 64) String managerId) {
    }

    record TeamView(String team, String managerId) {
    }

    private final TeamDirectory directory;

    TeamSetupController(TeamDirectory directory) {
        this.directory = directory;
    }

    @PutMapping(path = "/{team}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('GROUP_camunda-admin')")
    TeamView put(@PathVariable @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be letters, digits, '_', '.' or '-'") String team,
                 @Valid @RequestBody TeamRequest request) {
        if (!directory.isKnown(request.managerId())) {
            throw new UnknownPersonException("managerId", request.managerId(), "is not a Camunda user; create the user in Admin first");
        }
        directory.putTeam(team, request.managerId());
        return new TeamView(team, request.managerId());
    }
}
