package io.baton.ownership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.baton.system.InvalidRequest;
import java.time.ZoneId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
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

    /** {@code timeZone}: an IANA zone for the team's business hours; absent means the configured zone. */
    record TeamRequest(@NotBlank @Size(max = 64) String managerId, @Size(max = 64) String timeZone) {
    }

    record TeamView(String team, String managerId, String timeZone) {
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
        String zone = request.timeZone() == null || request.timeZone().isBlank() ? null : request.timeZone().strip();
        // Region ids only: a fixed offset would not follow daylight saving where the team works.
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
                    InvalidRequest.problem("timeZone", "'" + zone + "' is not a time zone; use a region id such as Europe/Berlin"), null);
        }
        directory.putTeam(team, request.managerId(), zone);
        return new TeamView(team, request.managerId(), zone);
    }

    @GetMapping("/{team}")
    TeamView get(@PathVariable @Size(max = 64) String team) {
        return directory.teamManager(team).map(manager -> new TeamView(team, manager, directory.timeZoneOfTeam(team).orElse(null)))
                .orElseThrow(() -> new UnknownPersonException("team", team));
    }
}
