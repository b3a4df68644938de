package io.baton.ownership;

import io.baton.lead.ReportingLine;
import java.util.HashSet;
import java.util.List;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is in which team, who manages whom, who may take work. Diagrams ask it as {@code ${team...}};
 * the people themselves are Camunda users, so Tasklist logins and the directory name the same ids.
 */
@Component("team")
public class TeamDirectory implements ReportingLine {

    private final TeamRepository teams;
    private final TeamMemberRepository members;
    private final IdentityService identityService;
    private final ApplicationEventPublisher events;

    TeamDirectory(TeamRepository teams, TeamMemberRepository members, IdentityService identityService, ApplicationEventPublisher events) {
        this.teams = teams;
        this.members = members;
        this.identityService = identityService;
        this.events = events;
    }

    /** True when the id names a known person who is present and not offboarded. */
    public boolean canTakeWork(Object userId) {
        if (!(userId instanceof String id) || id.isBlank()) {
            return false;
        }
        Optional<TeamMember> member = members.findById(id);
        if (member.isPresent()) {
            return member.get().canTakeWork();
        }
        // People outside the directory (e.g. the process steward) can still be named explicitly.
        return identityService.createUserQuery().userId(id).count() == 1;
    }

    public boolean isKnown(String userId) {
        return userId != null && (members.existsById(userId) || identityService.createUserQuery().userId(userId).count() == 1);
    }

    /** The named manager of a person: the member's own manager, else their team's manager. */
    public Optional<String> managerOf(String userId) {
        return members.findById(userId).flatMap(m -> Optional.ofNullable(m.getManagerId())
                .or(() -> teams.findById(m.getTeam()).map(Team::getManagerId).filter(manager -> !manager.equals(userId))));
    }

    /**
     * Whether {@code person} is in {@code manager}'s reporting line: {@code manager} is the person's
     * manager, or their manager's manager, and so on up the chain ({@link #managerOf}). Nobody is in
     * their own line, so a manager never manages themselves. The one rule for "may act on this
     * person's work or record" (offboarding, directory edits, availability, closing leads, task
     * reassignment); a cycle in the directory ends the walk instead of looping.
     */
    @Override
    public boolean manages(String manager, String person) {
        if (manager == null || person == null || manager.equals(person)) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        Optional<String> next = managerOf(person);
        while (next.isPresent() && seen.add(next.get())) {
            if (next.get().equals(manager)) {
                return true;
            }
            next = managerOf(next.get());
        }
        return false;
    }

    /**
     * The first person above {@code person} in the chain of named managers who can take work now:
     * an escalation must reach someone who is there, so a manager who is away or offboarded is
     * passed over for theirs.
     */
    public Optional<String> presentManagerAbove(String person) {
        Set<String> seen = new HashSet<>();
        Optional<String> next = person == null ? Optional.empty() : managerOf(person);
        while (next.isPresent() && seen.add(next.get())) {
            if (canTakeWork(next.get())) {
                return next;
            }
            next = managerOf(next.get());
        }
        return Optional.empty();
    }

    /** Offboarding a manager: the people and teams they managed report to the successor from now on. */
    @Transactional
    public int repointReports(String formerManager, String successor) {
        int moved = 0;
        for (TeamMember member : members.findAll()) {
            if (formerManager.equals(member.getManagerId()) && !successor.equals(member.getUserId())) {
                member.update(member.getTeam(), successor, member.getCapacity());
                moved++;
            }
        }
        for (Team team : teams.findAll()) {
            if (formerManager.equals(team.getManagerId())) {
                team.setManagerId(successor);
            }
        }
        // Readers of reporting lines in this transaction query with SQL: let them see the change.
        members.flush();
        events.publishEvent(new TeamDirectoryChanged(formerManager));
        return moved;
    }

    /**
     * Who may take over {@code person}'s work when their manager moves it: their team mates who can
     * take work now; when there is none (or the person is outside the directory), the people in
     * {@code manager}'s reporting line who can. Never the person themselves.
     */
    public List<String> whoMayTakeOver(String person, String manager) {
        List<String> mates = (person == null ? Optional.<TeamMember>empty() : members.findById(person))
                .map(member -> members.findByTeamOrderByUserId(member.getTeam())).orElse(List.of()).stream()
                .filter(m -> !m.getUserId().equals(person) && m.canTakeWork()).map(TeamMember::getUserId).toList();
        if (!mates.isEmpty()) {
            return mates;
        }
        return everyone().stream().filter(m -> !m.getUserId().equals(person) && m.canTakeWork() && manages(manager, m.getUserId()))
                .map(TeamMember::getUserId).sorted().toList();
    }

    public Optional<String> teamManager(String team) {
        return teams.findById(team).map(Team::getManagerId);
    }

    public Optional<TeamMember> member(String userId) {
        return members.findById(userId);
    }

    public List<TeamMember> members(String team) {
        return members.findByTeamOrderByUserId(team);
    }

    public List<TeamMember> everyone() {
        return members.findAll(Sort.by("team", "userId"));
    }

    @Transactional
    public TeamMember setAvailable(String userId, boolean available) {
        TeamMember member = members.findById(userId).orElseThrow(() -> new UnknownPersonException("userId", userId));
        if (member.isAvailable() != available) {
            member.setAvailable(available);
            changed(userId);
        }
        return member;
    }

    @Transactional
    public void markOffboarded(String userId) {
        members.findById(userId).filter(member -> !member.isOffboarded()).ifPresent(member -> {
            member.offboard();
            changed(userId);
        });
    }

    @Transactional
    public TeamMember put(String userId, String team, String managerId, int capacity) {
        if (!teams.existsById(team)) {
            throw new UnknownPersonException("team", team);
        }
        if (managerId != null && !isKnown(managerId)) {
            throw new UnknownPersonException("managerId", managerId);
        }
        if (managerId != null && (managerId.equals(userId) || manages(userId, managerId))) {
            throw new UnknownPersonException("managerId", managerId, "reports to " + userId + "; that would make a reporting cycle");
        }
        TeamMember member = members.findById(userId).orElse(null);
        if (member == null) {
            TeamMember joined = members.save(new TeamMember(userId, team, managerId, capacity));
            changed(userId);
            return joined;
        }
        boolean moved = !team.equals(member.getTeam()) || !java.util.Objects.equals(managerId, member.getManagerId());
        member.update(team, managerId, capacity);
        if (moved) {
            changed(userId);
        }
        return member;
    }

    /** Who can take work changed; the SQL readers in this transaction see it, the listeners follow. */
    private void changed(String userId) {
        members.flush();
        events.publishEvent(new TeamDirectoryChanged(userId));
    }

    /** The time zone of the team {@code userId} works in, where the team names one. */
    public Optional<ZoneId> timeZoneOf(String userId) {
        return members.findById(userId).flatMap(m -> teams.findById(m.getTeam())).map(Team::getTimeZone).map(ZoneId::of);
    }

    public Optional<String> timeZoneOfTeam(String team) {
        return teams.findById(team).map(Team::getTimeZone);
    }

    public boolean hasAnyTeam() {
        return teams.count() > 0;
    }

    /** Creates the team or changes its manager and time zone (null: the configured zone). */
    @Transactional
    public void putTeam(String name, String managerId, String timeZone) {
        Team team = teams.findById(name).orElseGet(() -> teams.save(new Team(name, managerId)));
        team.setManagerId(managerId);
        team.setTimeZone(timeZone);
    }

    @Transactional
    public void putTeam(String name, String managerId) {
        teams.findById(name).ifPresentOrElse(t -> t.setManagerId(managerId), () -> teams.save(new Team(name, managerId)));
    }

    boolean hasTeam(String name) {
        return teams.existsById(name);
    }

    boolean hasMember(String userId) {
        return members.existsById(userId);
    }

    TeamMemberRepository memberRepository() {
        return members;
    }
}
