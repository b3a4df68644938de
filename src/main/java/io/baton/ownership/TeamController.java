package io.baton.ownership;

import io.baton.system.BatonGroups;
import io.baton.system.InvalidRequest;
import io.baton.system.ManagersOrAdmin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/team", produces = MediaType.APPLICATION_JSON_VALUE)
class TeamController {

    /**
     * {@code managerId} is the member's own manager (null: they follow their team's manager);
     * {@code reportsTo} whom they report to either way. {@code name} and {@code inTeamGroup} (false:
     * taken out of the team's group in Admin, so no new work) are shown by the directory listing.
     */
    record MemberView(String userId, String team, String managerId, int capacity, boolean available, boolean offboarded,
                      String name, String reportsTo, Boolean inTeamGroup) {
        static MemberView of(TeamMember m) {
            return new MemberView(m.getUserId(), m.getTeam(), m.getManagerId(), m.getCapacity(), m.isAvailable(), m.isOffboarded(),
                    null, null, null);
        }

        static MemberView listed(TeamMember m, TeamGroups.Standing standing, String reportsTo) {
            return new MemberView(m.getUserId(), m.getTeam(), m.getManagerId(), m.getCapacity(), m.isAvailable(), m.isOffboarded(),
                    standing.name(m.getUserId()), reportsTo, standing.inTeamGroup(m));
        }
    }

    /** A manager's edit of one member: only what is given changes. */
    record MemberChange(@Min(1) @Max(100) Integer capacity, @Size(min = 1, max = 64) String managerId) {
    }

    record Availability(@NotNull Boolean available, @Size(max = 64) String cover) {
    }

    /** The member after the change, who covers them, and what moved: to the cover, or back on return. */
    record AvailabilityView(String userId, String team, String managerId, int capacity, boolean available, boolean offboarded,
                            String cover, int tasksMoved, int tasksReturned, int tasksKept) {
        static AvailabilityView of(Cover.Result result) {
            TeamMember m = result.member();
            return new AvailabilityView(m.getUserId(), m.getTeam(), m.getManagerId(), m.getCapacity(), m.isAvailable(), m.isOffboarded(),
                    result.cover(), result.tasksMoved(), result.tasksReturned(), result.tasksKept());
        }
    }

    record OffboardRequest(@NotBlank @Size(max = 64) String successor) {
    }

    record MemberRequest(@NotBlank @Size(max = 64) String team, @Size(max = 64) String managerId,
                         @NotNull @Min(1) @Max(100) Integer capacity) {
    }

    private final TeamDirectory directory;
    private final Offboarding offboarding;
    private final Cover cover;
    private final TeamGroups teamGroups;
    private final ApplicationEventPublisher events;

    TeamController(TeamDirectory directory, Offboarding offboarding, Cover cover, TeamGroups teamGroups, ApplicationEventPublisher events) {
        this.directory = directory;
        this.offboarding = offboarding;
        this.cover = cover;
        this.teamGroups = teamGroups;
        this.events = events;
    }

    /** The directory as Camunda's groups make it now: whoever an administrator added to a team's group is listed. */
    @GetMapping
    List<MemberView> everyone() {
        teamGroups.reconcileQuietly();
        TeamGroups.Standing standing = teamGroups.standing();
        return directory.everyone().stream()
                .map(m -> MemberView.listed(m, standing, directory.managerOf(m.getUserId()).orElse(null)))
                .toList();
    }

    /**
     * What the Cockpit "Team" page changes: a member's capacity and manager, by a manager of their
     * reporting line (the new manager is the caller or someone in their line, as for PUT) or an admin.
     */
    @PatchMapping(path = "/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ManagersOrAdmin
    MemberView change(@PathVariable String userId, @Valid @RequestBody MemberChange request, Authentication who) {
        TeamMember member = directory.member(userId).orElseThrow(() -> notInDirectory(userId));
        if (request.capacity() == null && request.managerId() == null) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, InvalidRequest.problem("capacity", "give capacity, managerId or both"), null);
        }
        requireInLine(who, userId, "userId");
        String manager = request.managerId();
        if (manager != null) {
            if (!directory.isKnown(manager)) {
                throw new UnknownPersonException("managerId", manager, "is not a Camunda user");
            }
            if (!manager.equals(who.getName())) {
                requireInLine(who, manager, "managerId");
            }
        }
        TeamMember changed = directory.put(userId, member.getTeam(), manager != null ? manager : member.getManagerId(),
                request.capacity() != null ? request.capacity() : member.getCapacity());
        if (manager != null) {
            events.publishEvent(new TeamMembersJoined(List.of(userId)));
        }
        return MemberView.of(changed);
    }

    /**
     * People set their own availability; managers set it for their reporting line, admins for anyone.
     * Naming a cover moves the absent person's work, so only their manager (or someone above) or an
     * admin names one, and a manager only someone of their own reporting line.
     */
    @PutMapping(path = "/{userId}/availability", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("#userId == authentication.name or " + BatonGroups.MANAGERS_OR_ADMIN)
    AvailabilityView availability(@PathVariable String userId, @Valid @RequestBody Availability request, Authentication who) {
        if (directory.member(userId).isEmpty()) {
            throw notInDirectory(userId);
        }
        if (!userId.equals(who.getName())) {
            requireInLine(who, userId, "userId");
        }
        String named = request.cover();
        if (named != null) {
            if (!isAdmin(who) && !directory.manages(who.getName(), userId)) {
                throw forbidden("cover", "only " + userId + "'s manager or an administrator names a cover", "Not yours to name");
            }
            if (!named.equals(who.getName()) && directory.member(named).isPresent()) {
                // Someone outside the directory stays a 400 naming the field, answered by Cover.
                requireInLine(who, named, "cover");
            }
        }
        return AvailabilityView.of(cover.setAvailability(userId, request.available(), named, who.getName()));
    }

    /**
     * Admins place anyone. A manager edits only people already in their reporting line and keeps them
     * there (the resulting manager is the caller or someone in the line), so nobody rewrites their own
     * manager, takes over a peer's or superior's people, or lifts someone out of the chain; placing a
     * person who is in no one's line yet is for admins.
     */
    @PutMapping(path = "/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ManagersOrAdmin
    MemberView put(@PathVariable String userId, @Valid @RequestBody MemberRequest request, Authentication who) {
        if (!directory.isKnown(userId)) {
            throw new UnknownPersonException("userId", userId, "is not a Camunda user; create the user in Admin first");
        }
        requireInLine(who, userId, "userId");
        String newManager = request.managerId() != null ? request.managerId() : directory.teamManager(request.team()).orElse(null);
        if (newManager != null && !newManager.equals(who.getName())) {
            requireInLine(who, newManager, "managerId");
        }
        return MemberView.of(directory.put(userId, request.team(), request.managerId(), request.capacity()));
    }

    /** Managers offboard people of their reporting line and hand the work to someone inside it; admins anyone. */
    @PostMapping(path = "/{userId}/offboard", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ManagersOrAdmin
    Offboarding.Result offboard(@PathVariable String userId, @Valid @RequestBody OffboardRequest request, Authentication who) {
        requireInLine(who, userId, "userId");
        String successor = request.successor();
        if (!successor.equals(who.getName()) && directory.isKnown(successor)) {
            // An unknown successor stays a 400 naming the field, answered by Offboarding.
            requireInLine(who, successor, "successor");
        }
        return offboarding.offboard(userId, successor, who.getName());
    }

    private void requireInLine(Authentication who, String person, String field) {
        if (isAdmin(who) || directory.manages(who.getName(), person)) {
            return;
        }
        throw forbidden(field, "'" + person + "' is not in your reporting line", "Outside your reporting line");
    }

    private static boolean isAdmin(Authentication who) {
        return who.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(BatonGroups.ADMINS_AUTHORITY::equals);
    }

    private static ErrorResponseException forbidden(String field, String message, String title) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, field + ": " + message);
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }

    private static ErrorResponseException notInDirectory(String userId) {
        String message = "'" + userId + "' is not a member of the team directory";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "userId: " + message);
        problem.setTitle("No such team member");
        problem.setProperty("errors", List.of(Map.of("field", "userId", "message", message)));
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
