package io.baton.ownership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/team", produces = MediaType.APPLICATION_JSON_VALUE)
class TeamController {

    record MemberView(String userId, String team, String managerId, int capacity, boolean available, boolean offboarded) {
        static MemberView of(TeamMember m) {
            return new MemberView(m.getUserId(), m.getTeam(), m.getManagerId(), m.getCapacity(), m.isAvailable(), m.isOffboarded());
        }
    }

    record Availability(@NotNull Boolean available) {
    }

    record OffboardRequest(@NotBlank @Size(max = 64) String successor) {
    }

    record MemberRequest(@NotBlank @Size(max = 64) String team, @Size(max = 64) String managerId,
                         @NotNull @Min(1) @Max(100) Integer capacity) {
    }

    private final TeamDirectory directory;
    private final Offboarding offboarding;

    TeamController(TeamDirectory directory, Offboarding offboarding) {
        this.directory = directory;
        this.offboarding = offboarding;
    }

    @GetMapping
    List<MemberView> everyone() {
        return directory.everyone().stream().map(MemberView::of).toList();
    }

    /** People set their own availability; managers and admins set anyone's. */
    @PutMapping(path = "/{userId}/availability", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("#userId == authentication.name or hasAnyAuthority('GROUP_managers', 'GROUP_camunda-admin')")
    MemberView availability(@PathVariable String userId, @Valid @RequestBody Availability request) {
        return MemberView.of(directory.setAvailable(userId, request.available()));
    }

    @PutMapping(path = "/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyAuthority('GROUP_managers', 'GROUP_camunda-admin')")
    MemberView put(@PathVariable String userId, @Valid @RequestBody MemberRequest request) {
        if (!directory.isKnown(userId)) {
            throw new UnknownPersonException("userId", userId, "is not a Camunda user; create the user in Admin first");
        }
        return MemberView.of(directory.put(userId, request.team(), request.managerId(), request.capacity()));
    }

    @PostMapping(path = "/{userId}/offboard", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyAuthority('GROUP_managers', 'GROUP_camunda-admin')")
    Offboarding.Result offboard(@PathVariable String userId, @Valid @RequestBody OffboardRequest request, Authentication who) {
        return offboarding.offboard(userId, request.successor(), who.getName());
    }
}
