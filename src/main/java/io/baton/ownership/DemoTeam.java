package io.baton.ownership;

import io.baton.system.BatonGroups;
import io.baton.system.Seed;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo team of profile {@code demo}: Camunda users (password = user id) and groups, and the
 * team directory's teams and reporting lines (morgan manages the sales side, hana heads all).
 */
@Component
@Profile("demo")
class DemoTeam implements Seed {

    record Person(String id, String firstName, String lastName, String group, String manager) {
    }

    record TeamOf(String id, String name, String manager) {
    }

    static final List<TeamOf> TEAMS = List.of(
            new TeamOf(BatonGroups.MARKETING, "Marketing", "morgan"),
            new TeamOf(BatonGroups.SDR, "Sales development", "morgan"),
            new TeamOf(BatonGroups.SDR_ENTERPRISE, "Enterprise sales development", "morgan"),
            new TeamOf(BatonGroups.AE, "Account executives", "morgan"),
            new TeamOf(BatonGroups.DELIVERY, "Delivery", "hana"),
            new TeamOf(BatonGroups.MANAGERS, "Managers", "hana"));

    static final List<Person> PEOPLE = List.of(
            new Person("mara", "Mara", "Marketing", BatonGroups.MARKETING, "morgan"),
            new Person("sam", "Sam", "Sales-Dev", BatonGroups.SDR, "morgan"),
            new Person("sofia", "Sofia", "Sales-Dev", BatonGroups.SDR, "morgan"),
            new Person("eli", "Eli", "Enterprise-Dev", BatonGroups.SDR_ENTERPRISE, "morgan"),
            new Person("alex", "Alex", "Account-Exec", BatonGroups.AE, "morgan"),
            new Person("ava", "Ava", "Account-Exec", BatonGroups.AE, "morgan"),
            new Person("dana", "Dana", "Delivery", BatonGroups.DELIVERY, "hana"),
            new Person("devon", "Devon", "Delivery", BatonGroups.DELIVERY, "hana"),
            new Person("morgan", "Morgan", "Sales-Manager", BatonGroups.MANAGERS, "hana"),
            new Person("hana", "Hana", "Head-of-Revenue", BatonGroups.MANAGERS, null));

    private final IdentityService identityService;
    private final TeamDirectory directory;

    DemoTeam(IdentityService identityService, TeamDirectory directory) {
        this.identityService = identityService;
        this.directory = directory;
    }

    /** Version 2 adds the enterprise SDR team; seeding only adds what is missing, never resets changes. */
    @Override
    public String name() {
        return "demo-team-2";
    }

    @Override
    public void seed() {
        for (TeamOf team : TEAMS) {
            group(team.id(), team.name());
        }
        for (TeamOf team : TEAMS) {
            if (!directory.hasTeam(team.id())) {
                directory.putTeam(team.id(), team.manager());
            }
        }
        for (Person person : PEOPLE) {
            if (user(person)) {
                identityService.createMembership(person.id(), person.group());
            }
        }
        for (Person person : PEOPLE) {
            if (!directory.hasMember(person.id())) {
                directory.put(person.id(), person.group(), person.manager(), 1);
            }
        }
    }

    /** Creates the user when missing; true when it did. */
    private boolean user(Person person) {
        if (identityService.createUserQuery().userId(person.id()).count() > 0) {
            return false;
        }
        User user = identityService.newUser(person.id());
        user.setFirstName(person.firstName());
        user.setLastName(person.lastName());
        user.setPassword(person.id());
        user.setEmail(person.id() + "@baton.local");
        identityService.saveUser(user);
        return true;
    }

    private void group(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        Group group = identityService.newGroup(id);
        group.setName(name);
        group.setType("WORKFLOW");
        identityService.saveGroup(group);
    }
}
