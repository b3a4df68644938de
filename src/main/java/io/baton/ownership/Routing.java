package io.baton.ownership;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Picks one named person of a team: weighted round-robin by capacity over those who can take
 * work; when nobody can, the team's named manager. Never a pool, never null.
 */
@Component("routing")
public class Routing {

    private final TeamMemberRepository members;
    private final TeamDirectory directory;

    Routing(TeamMemberRepository members, TeamDirectory directory) {
        this.members = members;
        this.directory = directory;
    }

    public String nextOwner(String team) {
        List<TeamMember> candidates = members.lockTeam(team).stream().filter(TeamMember::canTakeWork).toList();
        return candidates.stream()
                .min(Comparator.comparingDouble(TeamMember::load).thenComparing(TeamMember::getRoutedCount)
                        .thenComparing(TeamMember::getUserId))
                .map(member -> {
                    member.routed();
                    return member.getUserId();
                })
                .or(() -> directory.teamManager(team))
                .orElseThrow(() -> new IllegalStateException("Team '" + team + "' has nobody to route to and no manager"));
    }
}
