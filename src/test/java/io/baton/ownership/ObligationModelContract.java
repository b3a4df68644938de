package io.baton.ownership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.TaskFacts;
import io.baton.system.BatonGroups;
import io.baton.testing.ApiContract;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 14, the proof: a model-based test that drives seeded random sequences over the whole surface
 * people have — Baton's API and the Camunda REST calls a rep or a manager may send — and checks
 * Baton's central invariant after every single step.
 *
 * <p><b>Steps.</b> Each step picks one action and a random actor and target among the people of the
 * directory (the demo team plus people hired on the way): capture a lead (with or without company,
 * so both {@code fixLeadData} and {@code qualifyLead} start), capture an existing e-mail again
 * (open, lost, unsubscribed, re-consented), re-consent, complete a task as its assignee with a valid
 * answer of every kind (qualified or not, complete or incomplete checklists, accept or reject,
 * won or lost, escalation decisions {@code reassign}/{@code keep} with and without
 * {@code extendBy}/{@code disqualify}, disputed handoffs accepted or reassigned), complete with an
 * invalid answer (must be 4xx and change nothing), complete as someone else (4xx, nothing changes),
 * claim, unclaim (always refused), {@code POST /engine-rest/task/{id}/assignee} by a manager (a
 * recorded transfer or a refusal) and by a rep (refused), move the engine clock and fire every
 * due job, offboard a rep or a manager with a successor (never the last active member of a team,
 * never {@code hana}), availability away and back with and without {@code cover}, unsubscribe and
 * lost (also of leads already closed). A sequence ends when its step budget is used or all its
 * leads are closed; the next one starts with fresh leads and hires people so every team keeps two
 * active members and the sales teams a manager below {@code hana}.
 *
 * <p><b>Invariant, after every step</b> (HTTP for the health report, the database for the rest):
 * <ol>
 *   <li>{@code GET /api/health/ownership} answers {@code leadsWithoutOwner}, {@code unassignedTasks}
 *   and {@code ownerMismatches} all 0;</li>
 *   <li>every open user task ({@code ACT_RU_TASK}) belongs to an open lead, has an assignee, no
 *   candidate users or groups (exactly one person), the assignee is an active member of the
 *   directory ({@code baton_team_member}, not offboarded), and it has a due date;</li>
 *   <li>every open user task T carries a live obligation. Let P be T's process instance and
 *   E(T) the {@code lead-escalation} instances called for T: their super execution lies in P, their
 *   business key is T's lead and their variable {@code escalatedTask} is T's task key. T is covered
 *   when EITHER (a) a timer job ({@code ACT_RU_JOB}, type {@code timer}) of P or of an instance in
 *   E(T) is due at T's due date (within one second) — the breach that fires when T's deadline
 *   lapses — OR (b) an open {@code reviewEscalation} task belongs to an instance in E(T): the
 *   escalation is in progress, and that review task is itself an open user task held to this same
 *   rule (its own timer in its own instance). Reminders due before the deadline do not count;</li>
 *   <li>every open lead has exactly one open ownership period ({@code baton_ownership_period},
 *   {@code valid_to} null), it names the lead's owner, the owner is an active member, and every
 *   open owner task of the lead ({@link LeadLifecycle#OWNER_TASKS}) is assigned to that owner;
 *   a closed lead has no open period, no task and no job;</li>
 *   <li>no open escalation — a {@code baton_escalation} row of an open lead without a decision — is
 *   addressed to an offboarded person.</li>
 * </ol>
 * Every answer Baton gives must be below 500. A failure names the seed, the step, what broke and the
 * last 30 steps. Replay with {@code -Dbaton.model.seed=…}; {@code -Dbaton.model.steps=…} sets the
 * total steps (default 1,000 per database), {@code -Dbaton.model.sequence-steps=…} the length of one
 * sequence (default 100). {@code -Dbaton.model.explore=true} records the first break of the obligation
 * rule (3) and of the escalation rule (5) and walks on, to show what else holds or breaks behind them; the
 * test then fails at the end with every break it met.
 */
public abstract class ObligationModelContract extends ApiContract {

    private static final int STEPS = Integer.getInteger("baton.model.steps", 1_000);
    private static final int SEQUENCE_STEPS = Integer.getInteger("baton.model.sequence-steps", 100);
    private static final int LOG_TAIL = 30;
    private static final boolean EXPLORE = Boolean.getBoolean("baton.model.explore");
    private static final int MAX_OPEN_LEADS = 6;
    private static final int MAX_OFFBOARDINGS_PER_SEQUENCE = 2;
    private static final long DUE_TOLERANCE_MS = 1_000;
    private static final List<String> WORK_TEAMS = List.of(BatonGroups.MARKETING, BatonGroups.SDR, BatonGroups.AE, BatonGroups.DELIVERY);
    private static final String TOP = "hana";
    private static final List<Duration> CLOCK_MOVES = List.of(Duration.ofMinutes(10), Duration.ofMinutes(50), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(5), Duration.ofHours(9), Duration.ofDays(1), Duration.ofDays(3),
            Duration.ofDays(6));

    @Autowired
    ManagementService managementService;
    @Autowired
    TaskFacts taskFacts;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    IdentityService identityService;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Deque<String> log = new ArrayDeque<>();
    private final Map<String, Integer> actionCounts = new TreeMap<>();
    private final Map<String, Integer> outcomeCounts = new TreeMap<>();
    private long seed;
    private java.util.Random random;
    private int step;
    private int sequence;
    private long clockOffsetMs;
    private long httpNanos;
    private long invariantNanos;
    private int hires;
    private int captures;
    private int offboardedThisSequence;
    /** The leads of the running sequence, in capture order (choices index into it, so a seed replays). */
    private final List<String> leads = new ArrayList<>();
    private final Map<String, String> leadNames = new HashMap<>();

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void randomSequencesOverTheWholeSurfaceKeepEveryObligationOwnedDueAndTimed() {
        seed = Long.getLong("baton.model.seed", System.nanoTime() ^ System.currentTimeMillis());
        random = new java.util.Random(seed);
        System.out.println("ObligationModel seed: " + seed + " (replay with -Dbaton.model.seed=" + seed + "), " + STEPS + " steps");
        checkInvariant("start");
        while (step < STEPS) {
            runSequence();
        }
        System.out.println("ObligationModel seed " + seed + ": " + step + " steps in " + sequence + " sequences, " + hires + " hires; actions "
                + actionCounts + "; outcomes " + outcomeCounts + "; http " + httpNanos / 1_000_000 + " ms, invariant " + invariantNanos / 1_000_000 + " ms (incl. health)");
        if (!exploredBreaks.isEmpty()) {
            throw new AssertionError("ObligationModel seed " + seed + ": " + exploredBreaks.size() + " rule(s) broke on the way:\n"
                    + String.join("\n\n", exploredBreaks));
        }
    }

    // --- sequences ------------------------------------------------------------------------------------

    private void runSequence() {
        sequence++;
        leads.clear();
        offboardedThisSequence = 0;
        int start = step;
        staff();
        for (int i = 0; i < 3 && step < STEPS; i++) {
            run("capture", this::capture);
        }
        while (step < STEPS && step - start < SEQUENCE_STEPS) {
            if (step - start > 10 && openLeads().isEmpty()) {
                break;
            }
            String action = pick(Map.ofEntries(
                    Map.entry("capture", 7), Map.entry("recapture", 4), Map.entry("reconsent", 2),
                    Map.entry("completeValid", 26), Map.entry("completeInvalid", 6), Map.entry("completeAsOther", 4),
                    Map.entry("claim", 3), Map.entry("unclaim", 3), Map.entry("assigneeByManager", 5), Map.entry("assigneeByRep", 3),
                    Map.entry("fireTimers", 12), Map.entry("offboard", 2), Map.entry("availability", 5),
                    Map.entry("unsubscribe", 2), Map.entry("lost", 2)));
            run(action, switch (action) {
                case "capture" -> this::capture;
                case "recapture" -> this::recapture;
                case "reconsent" -> this::reconsent;
                case "completeValid" -> this::completeValid;
                case "completeInvalid" -> this::completeInvalid;
                case "completeAsOther" -> this::completeAsOther;
                case "claim" -> this::claim;
                case "unclaim" -> this::unclaim;
                case "assigneeByManager" -> this::assigneeByManager;
                case "assigneeByRep" -> this::assigneeByRep;
                case "fireTimers" -> this::fireTimers;
                case "offboard" -> this::offboard;
                case "availability" -> this::availability;
                case "unsubscribe" -> this::unsubscribe;
                case "lost" -> this::lost;
                default -> throw new IllegalStateException(action);
            });
        }
    }

    /** One step: the action (false = not applicable now, nothing was done), then the invariant. */
    private void run(String action, BooleanSupplier body) {
        int before = step;
        step++;
        if (!body.getAsBoolean()) {
            step = before;
            return;
        }
        actionCounts.merge(action, 1, Integer::sum);
        checkInvariant(action);
    }

    private void note(String text) {
        log.addLast("#" + step + " [seq " + sequence + "] " + text);
        while (log.size() > LOG_TAIL) {
            log.removeFirst();
        }
    }

    private AssertionError broken(String what) {
        System.out.println("ObligationModel timing: http " + httpNanos / 1_000_000 + " ms, invariant " + invariantNanos / 1_000_000 + " ms");
        return new AssertionError("ObligationModel seed " + seed + " (replay with -Dbaton.model.seed=" + seed + "), step " + step
                + " of sequence " + sequence + ": " + what + "\nlast steps:\n  " + String.join("\n  ", log));
    }

    private void require(boolean condition, String what) {
        if (!condition) {
            throw broken(what);
        }
    }

    private final Set<String> explored = new HashSet<>();
    private final List<String> exploredBreaks = new ArrayList<>();

    /**
     * The obligation and escalation rules. With {@code -Dbaton.model.explore=true} the first break of each
     * is recorded and the walk goes on, to find what else breaks; the test still fails at the end, naming them all.
     */
    private void explorable(String rule, boolean condition, String what) {
        if (condition) {
            return;
        }
        if (!EXPLORE) {
            throw broken(what);
        }
        if (explored.add(rule)) {
            String message = broken(what).getMessage();
            exploredBreaks.add(message);
            System.out.println("ObligationModel EXPLORE " + message);
        }
    }

    private void outcome(String action, int status) {
        outcomeCounts.merge(action + " " + status, 1, Integer::sum);
    }

    // --- staffing: every team keeps two active members and the sales side a manager below hana ----

    private void staff() {
        Map<String, Member> people = directory();
        List<Member> managers = people.values().stream().filter(m -> m.active() && BatonGroups.MANAGERS.equals(m.team()) && !TOP.equals(m.id()))
                .toList();
        if (managers.isEmpty()) {
            String manager = hire(BatonGroups.MANAGERS, TOP);
            for (String team : List.of(BatonGroups.MARKETING, BatonGroups.SDR, BatonGroups.AE)) {
                ResponseEntity<String> put = call("admin", HttpMethod.PUT, "/api/teams/" + team, "{\"managerId\": \"" + manager + "\"}");
                require(put.getStatusCode().is2xxSuccessful(), "PUT /api/teams/" + team + " -> " + put.getStatusCode() + " " + put.getBody());
            }
            for (Member member : people.values()) {
                if (member.active() && List.of(BatonGroups.MARKETING, BatonGroups.SDR, BatonGroups.AE).contains(member.team())) {
                    putMember(member.id(), member.team(), manager);
                }
            }
            note("hired manager " + manager + " for marketing, sdr, ae");
            step++;
            checkInvariant("hire");
        }
        for (String team : WORK_TEAMS) {
            long active = directory().values().stream().filter(m -> m.active() && team.equals(m.team())).count();
            for (long i = active; i < 2; i++) {
                String manager = teamManager(team);
                String hired = hire(team, manager);
                note("hired " + hired + " into " + team + " reporting to " + manager);
                step++;
                checkInvariant("hire");
            }
        }
    }

    private String teamManager(String team) {
        String named = jdbc.queryForObject("select manager_id from baton_team where name = ?", String.class, team);
        Member manager = directory().get(named);
        return manager != null && manager.active() ? named : TOP;
    }

    /** A new person as an administrator adds one: a Camunda user in the team's group, then placed in the directory. */
    private String hire(String team, String manager) {
        hires++;
        String id = "hire" + hires + team;
        User user = identityService.newUser(id);
        user.setFirstName("Hire");
        user.setLastName(String.valueOf(hires));
        user.setEmail(id + "@baton.local");
        user.setPassword(id);
        identityService.saveUser(user);
        identityService.createMembership(id, team);
        putMember(id, team, manager);
        return id;
    }

    private void putMember(String id, String team, String manager) {
        ResponseEntity<String> put = call("admin", HttpMethod.PUT, "/api/team/" + id,
                "{\"team\": \"" + team + "\", \"managerId\": \"" + manager + "\", \"capacity\": 1}");
        require(put.getStatusCode().is2xxSuccessful(), "PUT /api/team/" + id + " -> " + put.getStatusCode() + " " + put.getBody());
    }

    // --- actions: leads -------------------------------------------------------------------------------

    private boolean capture() {
        if (openLeads().size() >= MAX_OPEN_LEADS) {
            return false;
        }
        captures++;
        String email = "model-" + seed + "-" + captures + "@example.com";
        return captureEmail(email, random.nextInt(5) != 0);
    }

    private boolean captureEmail(String email, boolean withCompany) {
        String actor = oneOf(concat(List.of("mara", "admin", TOP), activeManagers()));
        String body = """
                {"email": "%s", "firstName": "Model", %s "country": "%s", "source": "%s", "employees": %d}"""
                .formatted(email, withCompany ? "\"company\": \"Company " + captures + "\"," : "", oneOf(List.of("DE", "US", "FR", "GB", "BR")),
                        oneOf(List.of("web", "event", "referral")), random.nextInt(1_500));
        ResponseEntity<String> answer = call(actor, HttpMethod.POST, "/api/leads", body);
        outcome("capture", answer.getStatusCode().value());
        note("capture " + email + (withCompany ? "" : " (no company)") + " by " + actor + " -> " + brief(answer));
        JsonNode lead = json(answer);
        if (answer.getStatusCode().value() == 201) {
            remember(lead.path("id").asText());
        } else {
            require(answer.getStatusCode().value() == 200 || answer.getStatusCode().value() == 409, "capture answered " + brief(answer));
        }
        return true;
    }

    private boolean recapture() {
        if (leads.isEmpty()) {
            return false;
        }
        String lead = oneOf(leads);
        String email = jdbc.queryForObject("select email from baton_lead where id = ?", String.class, lead);
        List<String> statuses = jdbc.queryForList("select status from baton_lead where lower(email) = lower(?)", String.class, email);
        String latest = jdbc.queryForObject("select id from baton_lead where lower(email) = lower(?) order by created_at desc, id fetch first 1 rows only",
                String.class, email);
        String latestStatus = status(latest);
        boolean suppressed = "UNSUBSCRIBED".equals(latestStatus)
                && jdbc.queryForObject("select count(*) from baton_consent where lead_id = ?", Long.class, latest) == 0;
        long before = statuses.size();
        ResponseEntity<String> answer = call("mara", HttpMethod.POST, "/api/leads", """
                {"email": "%s", "firstName": "Again", "company": "Again Inc", "country": "DE", "source": "web", "employees": 12}""".formatted(email));
        int status = answer.getStatusCode().value();
        outcome("recapture", status);
        note("recapture " + name(lead) + " (" + email + ", latest " + latestStatus + ") -> " + brief(answer));
        long after = jdbc.queryForObject("select count(*) from baton_lead where lower(email) = lower(?)", Long.class, email);
        if (statuses.contains("OPEN") || suppressed) {
            require(status == 200 || status == 409, "capturing an e-mail that is " + (suppressed ? "suppressed" : "held by an open lead")
                    + " must not start a lead: " + brief(answer));
            require(after == before, "a second lead for " + email + " was stored");
            if (status == 200) {
                require(!suppressed || "UNSUBSCRIBED".equals(json(answer).path("status").asText()), "suppressed contact answered " + brief(answer));
            }
        } else if (status == 201) {
            JsonNode created = json(answer);
            require(after == before + 1, "201 without exactly one new lead");
            require(!created.path("previousLeadId").isMissingNode() && !created.path("previousLeadId").isNull(),
                    "a returning contact's new lead links to the one before: " + brief(answer));
            remember(created.path("id").asText());
        } else {
            require(status == 200 || status == 409, "re-capture of a closed contact answered " + brief(answer));
        }
        return true;
    }

    private boolean reconsent() {
        List<String> unsubscribed = leads.stream().filter(id -> "UNSUBSCRIBED".equals(status(id))
                && jdbc.queryForObject("select count(*) from baton_consent where lead_id = ?", Long.class, id) == 0).toList();
        if (unsubscribed.isEmpty()) {
            return false;
        }
        String lead = oneOf(unsubscribed);
        String actor = oneOf(concat(List.of("mara", TOP), activeManagers()));
        ResponseEntity<String> answer = call(actor, HttpMethod.POST, "/api/leads/" + lead + "/reconsent",
                "{\"evidence\": \"Asked to hear from us again, step " + step + "\"}");
        outcome("reconsent", answer.getStatusCode().value());
        note("reconsent " + name(lead) + " by " + actor + " -> " + brief(answer));
        require(answer.getStatusCode().value() == 200, "re-consent of an unsubscribed lead by " + actor + " answered " + brief(answer));
        if (openLeads().size() < MAX_OPEN_LEADS) {
            checkInvariant("reconsent");
            step++;
            String email = jdbc.queryForObject("select email from baton_lead where id = ?", String.class, lead);
            ResponseEntity<String> again = call("mara", HttpMethod.POST, "/api/leads", lead(null, email));
            outcome("recapture after reconsent", again.getStatusCode().value());
            note("capture " + email + " again after re-consent -> " + brief(again));
            require(again.getStatusCode().value() == 201, "a re-consented contact is captured as a new lead: " + brief(again));
            require(lead.equals(json(again).path("previousLeadId").asText()), "the new lead links to the unsubscribed one: " + brief(again));
            remember(json(again).path("id").asText());
        }
        return true;
    }

    private boolean unsubscribe() {
        return close("unsubscribe", "UNSUBSCRIBED", List.of("mara", TOP));
    }

    private boolean lost() {
        return close("lost", "LOST", List.of("admin", TOP));
    }

    private boolean close(String verb, String status, List<String> overseers) {
        if (leads.isEmpty()) {
            return false;
        }
        List<String> open = openLeads();
        boolean closedAlready = open.isEmpty() || random.nextInt(10) == 0;
        String lead = closedAlready ? oneOf(leads) : oneOf(open);
        String owner = jdbc.queryForObject("select owner from baton_lead where id = ?", String.class, lead);
        List<String> actors = new ArrayList<>(overseers);
        if (owner != null && directory().containsKey(owner) && directory().get(owner).active()) {
            actors.add(owner);
        }
        String actor = oneOf(actors);
        String was = status(lead);
        ResponseEntity<String> answer = call(actor, HttpMethod.POST, "/api/leads/" + lead + "/" + verb, null);
        int code = answer.getStatusCode().value();
        outcome(verb + ("OPEN".equals(was) ? "" : " closed"), code);
        note(verb + " " + name(lead) + " (" + was + ") by " + actor + " -> " + brief(answer));
        if ("OPEN".equals(was)) {
            require(code == 200, verb + " of an open lead by " + actor + " answered " + brief(answer));
            require(status.equals(status(lead)), verb + " left the lead " + status(lead));
        } else {
            require(answer.getStatusCode().is2xxSuccessful() || answer.getStatusCode().is4xxClientError(),
                    verb + " of a closed lead answered " + brief(answer));
            if (code == 200) {
                require(was.equals(status(lead)) || "UNSUBSCRIBED".equals(status(lead)), verb + " changed a closed lead from " + was + " to " + status(lead));
            }
        }
        return true;
    }

    // --- actions: tasks -------------------------------------------------------------------------------

    private boolean completeValid() {
        Task task = randomTask(null);
        if (task == null) {
            return false;
        }
        Answer answer = validAnswer(task);
        ResponseEntity<String> response = complete(task.assignee(), task, answer.variables());
        outcome("completeValid " + task.key(), response.getStatusCode().value());
        note("complete " + describe(task) + " by " + task.assignee() + " with " + answer.label() + " -> " + brief(response));
        require(response.getStatusCode().value() == 204, "a valid answer (" + answer.label() + ") to " + describe(task) + " was refused: " + brief(response));
        require(!taskIds().contains(task.id()), "the completed task " + describe(task) + " is still open");
        return true;
    }

    private boolean completeInvalid() {
        Task task = randomTask(null);
        if (task == null) {
            return false;
        }
        Answer answer = invalidAnswer(task);
        Snapshot before = snapshot(task);
        ResponseEntity<String> response = complete(task.assignee(), task, answer.variables());
        outcome("completeInvalid " + task.key(), response.getStatusCode().value());
        note("complete " + describe(task) + " by " + task.assignee() + " with invalid " + answer.label() + " -> " + brief(response));
        require(response.getStatusCode().is4xxClientError(), "an invalid answer (" + answer.label() + ") to " + describe(task) + " answered " + brief(response));
        requireUnchanged(before, "the refused invalid answer " + answer.label());
        return true;
    }

    private boolean completeAsOther() {
        Task task = randomTask(null);
        if (task == null) {
            return false;
        }
        List<String> others = activeReps().stream().filter(p -> !p.equals(task.assignee())).toList();
        if (others.isEmpty()) {
            return false;
        }
        String other = oneOf(others);
        Answer answer = validAnswer(task);
        Snapshot before = snapshot(task);
        ResponseEntity<String> response = complete(other, task, answer.variables());
        outcome("completeAsOther", response.getStatusCode().value());
        note("complete " + describe(task) + " as " + other + " (not the assignee) with " + answer.label() + " -> " + brief(response));
        require(response.getStatusCode().is4xxClientError(), other + " completed " + describe(task) + " of " + task.assignee() + ": " + brief(response));
        requireUnchanged(before, "the refused completion by " + other);
        return true;
    }

    private boolean claim() {
        Task task = randomTask(null);
        if (task == null) {
            return false;
        }
        boolean self = random.nextBoolean();
        List<String> others = activeReps().stream().filter(p -> !p.equals(task.assignee())).toList();
        String actor = self || others.isEmpty() ? task.assignee() : oneOf(others);
        Snapshot before = snapshot(task);
        ResponseEntity<String> response = call(actor, HttpMethod.POST, "/engine-rest/task/" + task.id() + "/claim", "{\"userId\": \"" + actor + "\"}");
        outcome("claim " + (actor.equals(task.assignee()) ? "own" : "other's"), response.getStatusCode().value());
        note("claim " + describe(task) + " by " + actor + " -> " + brief(response));
        if (actor.equals(task.assignee())) {
            require(response.getStatusCode().value() == 204 || response.getStatusCode().is4xxClientError(), "claim of one's own task answered " + brief(response));
        } else {
            require(response.getStatusCode().is4xxClientError(), actor + " claimed " + describe(task) + " of " + task.assignee() + ": " + brief(response));
        }
        requireUnchanged(before, "a claim");
        return true;
    }

    private boolean unclaim() {
        Task task = randomTask(null);
        if (task == null) {
            return false;
        }
        String actor = oneOf(concat(List.of(task.assignee(), TOP, "admin"), activeManagers()));
        Snapshot before = snapshot(task);
        ResponseEntity<String> response = call(actor, HttpMethod.POST, "/engine-rest/task/" + task.id() + "/unclaim", "{}");
        outcome("unclaim", response.getStatusCode().value());
        note("unclaim " + describe(task) + " by " + actor + " -> " + brief(response));
        require(response.getStatusCode().is4xxClientError(), "unclaim of " + describe(task) + " by " + actor + " answered " + brief(response));
        requireUnchanged(before, "a refused unclaim");
        return true;
    }

    private boolean assigneeByManager() {
        Task task = randomTask(null);
        if (task == null) {
            return false;
        }
        String manager = oneOf(concat(List.of(TOP, "admin"), activeManagers()));
        List<String> candidates = activePeople().stream().filter(p -> !p.equals(task.assignee())).toList();
        String target = random.nextInt(8) == 0 ? oneOf(List.of("ghost-nobody", "admin")) : oneOf(candidates);
        Snapshot before = snapshot(task);
        ResponseEntity<String> response = call(manager, HttpMethod.POST, "/engine-rest/task/" + task.id() + "/assignee", "{\"userId\": \"" + target + "\"}");
        int code = response.getStatusCode().value();
        outcome("assigneeByManager", code);
        note("set assignee of " + describe(task) + " to " + target + " by " + manager + " -> " + brief(response));
        require(code == 204 || code == 400 || code == 403, "a manager's re-assignment answered " + brief(response));
        if (code == 204) {
            Task now = task(task.id());
            require(now != null && target.equals(now.assignee()), "the transfer to " + target + " left " + (now == null ? "no task" : now.assignee()));
            if (taskFacts.ownerTaskKeys().contains(task.key())) {
                Map<String, Object> period = jdbc.queryForMap("select owner as o, actor as a from baton_ownership_period where open_lead_id = ?", task.lead());
                require(target.equals(value(period, "o")) && manager.equals(value(period, "a")),
                        "the transfer of an owner task is a ledger period of " + target + " by " + manager + ", found " + period);
            }
        } else {
            require(!"ghost-nobody".equals(target) || code == 400, "an unknown new assignee is a 400: " + brief(response));
            requireUnchanged(before, "a refused re-assignment");
        }
        return true;
    }

    private boolean assigneeByRep() {
        List<String> reps = activeReps();
        Task task = randomTask(t -> reps.contains(t.assignee()));
        if (task == null) {
            return false;
        }
        List<String> others = activePeople().stream().filter(p -> !p.equals(task.assignee())).toList();
        String target = oneOf(others);
        Snapshot before = snapshot(task);
        ResponseEntity<String> response = call(task.assignee(), HttpMethod.POST, "/engine-rest/task/" + task.id() + "/assignee",
                "{\"userId\": \"" + target + "\"}");
        outcome("assigneeByRep", response.getStatusCode().value());
        note("set assignee of " + describe(task) + " to " + target + " by the rep " + task.assignee() + " -> " + brief(response));
        require(response.getStatusCode().is4xxClientError(), "a rep re-assigned their task: " + brief(response));
        requireUnchanged(before, "a rep's refused re-assignment");
        return true;
    }

    /** Moves the engine clock and runs every job that is due, as the job executor would. */
    private boolean fireTimers() {
        Duration move = oneOf(CLOCK_MOVES);
        clockOffsetMs += move.toMillis();
        ClockUtil.offset(clockOffsetMs);
        int fired = 0;
        List<String> firedActivities = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            List<Job> due = managementService.createJobQuery().executable().orderByJobDuedate().asc().orderByJobId().asc().list();
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                if (managementService.createJobQuery().jobId(job.getId()).count() == 0) {
                    continue;
                }
                String activity = jdbc.queryForObject("select coalesce(d.ACT_ID_, j.HANDLER_CFG_) from ACT_RU_JOB j left join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_ where j.ID_ = ?", String.class, job.getId());
                try {
                    managementService.executeJob(job.getId());
                } catch (ProcessEngineException failed) {
                    note("clock +" + move + ": job " + activity + " of " + job.getProcessInstanceId() + " failed");
                    throw broken("the due job " + activity + " (" + job.getProcessDefinitionKey() + ") failed: " + failed);
                }
                fired++;
                firedActivities.add(activity);
            }
        }
        outcome("fireTimers", fired);
        note("clock +" + move + " -> fired " + fired + " " + firedActivities);
        return true;
    }

    private boolean offboard() {
        if (offboardedThisSequence >= MAX_OFFBOARDINGS_PER_SEQUENCE) {
            return false;
        }
        Map<String, Member> people = directory();
        List<Member> leavers = people.values().stream().filter(Member::active).filter(m -> !TOP.equals(m.id()))
                .filter(m -> people.values().stream().filter(o -> o.active() && o.team().equals(m.team())).count() >= 2)
                .sorted(Comparator.comparing(Member::id)).toList();
        if (leavers.isEmpty()) {
            return false;
        }
        Member leaver = oneOf(leavers);
        // A successor takes the work now: active and present (the API refuses someone away).
        List<String> successors = people.values().stream().filter(m -> m.active() && m.available() && m.team().equals(leaver.team())
                && !m.id().equals(leaver.id())).map(Member::id).sorted().toList();
        if (successors.isEmpty()) {
            return false;
        }
        String successor = oneOf(successors);
        String actor = oneOf(List.of(TOP, "admin"));
        ResponseEntity<String> response = call(actor, HttpMethod.POST, "/api/team/" + leaver.id() + "/offboard", "{\"successor\": \"" + successor + "\"}");
        outcome("offboard", response.getStatusCode().value());
        note("offboard " + leaver.id() + " (" + leaver.team() + ") to " + successor + " by " + actor + " -> " + brief(response));
        require(response.getStatusCode().value() == 200, "offboarding " + leaver.id() + " to " + successor + " answered " + brief(response));
        offboardedThisSequence++;
        return true;
    }

    private boolean availability() {
        Map<String, Member> people = directory();
        List<Member> candidates = people.values().stream().filter(Member::active).sorted(Comparator.comparing(Member::id)).toList();
        Member person = oneOf(candidates);
        String actor = random.nextInt(3) == 0 ? oneOf(List.of(TOP, "admin")) : person.id();
        String body;
        String kind;
        if (!person.available() || random.nextInt(4) == 0) {
            body = "{\"available\": true}";
            kind = "back";
        } else {
            List<String> mates = candidates.stream().filter(m -> m.team().equals(person.team()) && !m.id().equals(person.id())).map(Member::id).toList();
            if (mates.isEmpty() || random.nextBoolean()) {
                body = "{\"available\": false}";
                kind = "away";
            } else {
                String cover = oneOf(mates);
                body = "{\"available\": false, \"cover\": \"" + cover + "\"}";
                kind = "away, cover " + cover;
                actor = oneOf(List.of(TOP, "admin", person.id()));
            }
        }
        ResponseEntity<String> response = call(actor, HttpMethod.PUT, "/api/team/" + person.id() + "/availability", body);
        int code = response.getStatusCode().value();
        outcome("availability " + kind.replaceAll(",.*", ", cover") + " by " + (actor.equals(person.id()) ? "self" : "manager"), code);
        note("availability " + person.id() + " " + kind + " by " + actor + " -> " + brief(response));
        if (kind.contains("cover")) {
            // The cover is refused as an unknown property until covers exist; a rep may not name one.
            require(code == 200 || code == 400 || code == 403, "availability with a cover answered " + brief(response));
        } else {
            require(code == 200, "availability " + kind + " of " + person.id() + " by " + actor + " answered " + brief(response));
        }
        return true;
    }

    // --- answers --------------------------------------------------------------------------------------

    private record Answer(String label, String variables) {
    }

    private static String v(Object value) {
        return value instanceof String text ? "{\"value\": \"" + text + "\"}" : "{\"value\": " + value + "}";
    }

    private Answer validAnswer(Task task) {
        Map<String, String> vars = new LinkedHashMap<>();
        String label;
        switch (task.key()) {
            case LeadLifecycle.TASK_FIX_LEAD_DATA -> {
                vars.put("email", v(jdbc.queryForObject("select email from baton_lead where id = ?", String.class, task.lead())));
                vars.put("company", v("Fixed Company " + step));
                if (random.nextBoolean()) {
                    vars.put("country", v("DE"));
                }
                label = "corrected data";
            }
            case LeadLifecycle.TASK_QUALIFY_LEAD -> {
                boolean qualified = random.nextInt(4) != 0;
                vars.put("qualified", v(qualified));
                if (!qualified) {
                    vars.put("disqualifyReason", v("No budget"));
                }
                label = "qualified " + qualified;
            }
            case HandoffProcess.TASK_PREPARE -> {
                List<String> items = checklist(task);
                String unchecked = random.nextInt(4) == 0 ? oneOf(items) : null;
                items.forEach(item -> vars.put(item, v(!item.equals(unchecked))));
                vars.put("contextSummary", v("Context for the receiver"));
                label = unchecked == null ? "complete checklist" : "checklist without " + unchecked;
            }
            case HandoffProcess.TASK_ACCEPT -> {
                // A handoff bounced before is likelier to bounce again, so disputes reach resolveHandoff.
                boolean bounced = runtimeService.getVariable(task.execution(), HandoffProcess.VAR_REJECTIONS) instanceof Number n && n.intValue() > 0;
                boolean accepted = bounced ? random.nextInt(5) == 0 : random.nextInt(3) != 0;
                vars.put("accepted", v(accepted));
                if (!accepted) {
                    vars.put("rejectReason", v("Not ready"));
                }
                label = "accepted " + accepted;
            }
            case HandoffProcess.TASK_RESOLVE -> {
                String team = (String) runtimeService.getVariable(task.execution(), HandoffProcess.VAR_RECEIVER_TEAM);
                List<String> owners = ableMembersOf(team, null);
                if (owners.isEmpty() || random.nextBoolean()) {
                    vars.put("resolution", v("accept"));
                    label = "resolution accept";
                } else {
                    String newOwner = oneOf(owners);
                    vars.put("resolution", v("reassign"));
                    vars.put("newOwner", v(newOwner));
                    label = "resolution reassign to " + newOwner;
                }
            }
            case LeadLifecycle.TASK_NEEDS_ANALYSIS -> {
                vars.put("needsSummary", v("Needs a CRM"));
                label = "needs";
            }
            case LeadLifecycle.TASK_SEND_PROPOSAL -> {
                vars.put("proposalReference", v("P-" + step));
                label = "proposal";
            }
            case LeadLifecycle.TASK_NEGOTIATE -> {
                String outcome = random.nextInt(3) == 0 ? "lost" : "won";
                vars.put("outcome", v(outcome));
                label = "outcome " + outcome;
            }
            case LeadLifecycle.TASK_KICKOFF_ONBOARDING -> {
                vars.put("kickoffDate", v("2026-12-24"));
                label = "kickoff";
            }
            case EscalationProcess.TASK_REVIEW -> {
                String lapsedBy = (String) runtimeService.getVariable(task.execution(), EscalationProcess.VAR_LAPSED_BY);
                List<String> owners = ableMembersLike(lapsedBy);
                int kind = random.nextInt(10);
                if (kind < 4 && !owners.isEmpty()) {
                    String newOwner = oneOf(owners);
                    vars.put("decision", v("reassign"));
                    vars.put("newOwner", v(newOwner));
                    label = "reassign to " + newOwner;
                } else if (kind < 8) {
                    vars.put("decision", v("keep"));
                    String extendBy = oneOf(List.of("", "P1D", "PT4H", "P2D"));
                    if (!extendBy.isEmpty()) {
                        vars.put("extendBy", v(extendBy));
                    }
                    label = "keep" + (extendBy.isEmpty() ? "" : " extendBy " + extendBy);
                } else {
                    vars.put("decision", v("disqualify"));
                    label = "disqualify";
                }
            }
            default -> throw broken("no answer known for task key " + task.key());
        }
        return new Answer(label, object(vars));
    }

    private Answer invalidAnswer(Task task) {
        Map<String, String> vars = new LinkedHashMap<>();
        String label;
        int kind = random.nextInt(3);
        if (kind == 0) {
            Answer valid = validAnswer(task);
            String control = oneOf(List.of(LeadLifecycle.VAR_OWNER, HandoffProcess.VAR_RECEIVER, "escalationLevel", "reviewer"));
            return new Answer(valid.label() + " + control data " + control, "{\"" + control + "\": " + v("sam") + ", " + valid.variables().substring(1));
        }
        if (kind == 1) {
            Answer valid = validAnswer(task);
            String name = "x" + Integer.toString(random.nextInt(1 << 20), 36);
            return new Answer(valid.label() + " + unknown " + name, "{\"" + name + "\": " + v("?") + ", " + valid.variables().substring(1));
        }
        switch (task.key()) {
            case LeadLifecycle.TASK_QUALIFY_LEAD -> {
                if (random.nextBoolean()) {
                    vars.put("qualified", v(false));
                    label = "qualified false without reason";
                } else {
                    label = "no decision";
                }
            }
            case HandoffProcess.TASK_ACCEPT -> {
                if (random.nextBoolean()) {
                    vars.put("accepted", v(false));
                    label = "rejected without reason";
                } else {
                    label = "no decision";
                }
            }
            case HandoffProcess.TASK_RESOLVE -> {
                vars.put("resolution", v("reassign"));
                if (random.nextBoolean()) {
                    vars.put("newOwner", v("ghost-nobody"));
                    label = "reassign to nobody";
                } else {
                    label = "reassign without newOwner";
                }
            }
            case LeadLifecycle.TASK_NEGOTIATE -> label = "no outcome";
            case EscalationProcess.TASK_REVIEW -> {
                switch (random.nextInt(4)) {
                    case 0 -> label = "no decision";
                    case 1 -> {
                        vars.put("decision", v("reassign"));
                        label = "reassign without newOwner";
                    }
                    case 2 -> {
                        vars.put("decision", v("reassign"));
                        vars.put("newOwner", v("ghost-nobody"));
                        label = "reassign to nobody";
                    }
                    default -> {
                        vars.put("decision", v("keep"));
                        vars.put("extendBy", v("soon"));
                        label = "keep extendBy soon";
                    }
                }
            }
            default -> {
                vars.put(LeadLifecycle.VAR_OWNER, v("sam"));
                label = "only control data owner";
            }
        }
        return new Answer(label, object(vars));
    }

    private static String object(Map<String, String> vars) {
        return vars.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    }

    /** The checkbox items of the checklist form the task shows. */
    private List<String> checklist(Task task) {
        Object form = runtimeService.getVariable(task.execution(), HandoffProcess.VAR_CHECKLIST_FORM);
        return String.valueOf(form).contains("delivery")
                ? new ArrayList<>(List.of("contractSigned", "scopeDocumented", "kickoffContactNamed", "billingDetailsComplete"))
                : new ArrayList<>(List.of("contactVerified", "needConfirmed", "budgetOrAuthorityIndicated", "nextMeetingBooked"));
    }

    /** Active, present members of the team of {@code person} other than them: who may take their work. */
    private List<String> ableMembersLike(String person) {
        Member member = person == null ? null : directory().get(person);
        return ableMembersOf(member == null ? BatonGroups.SDR : member.team(), person);
    }

    private List<String> ableMembersOf(String team, String except) {
        Map<String, Member> people = directory();
        String person = except;
        return people.values().stream().filter(m -> m.active() && m.available() && m.team().equals(team) && !m.id().equals(person))
                .map(Member::id).sorted().toList();
    }

    private ResponseEntity<String> complete(String user, Task task, String variables) {
        return call(user, HttpMethod.POST, "/engine-rest/task/" + task.id() + "/complete", "{\"variables\": " + variables + "}");
    }

    // --- what is there ----------------------------------------------------------------------------------

    private record Member(String id, String team, String manager, boolean available, boolean offboarded) {
        boolean active() {
            return !offboarded;
        }
    }

    private record Task(String id, String key, String assignee, Timestamp due, String instance, String execution, String lead) {
    }

    private record Snapshot(Task task, String owner, List<String> leadTasks) {
    }

    private Map<String, Member> directory() {
        Map<String, Member> people = new TreeMap<>();
        jdbc.query("select user_id, team, manager_id, available, offboarded from baton_team_member", rs -> {
            people.put(rs.getString(1), new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)));
        });
        return people;
    }

    private List<String> activePeople() {
        return directory().values().stream().filter(Member::active).map(Member::id).toList();
    }

    private List<String> activeManagers() {
        return directory().values().stream().filter(m -> m.active() && BatonGroups.MANAGERS.equals(m.team())).map(Member::id).toList();
    }

    private List<String> activeReps() {
        return directory().values().stream().filter(m -> m.active() && !BatonGroups.MANAGERS.equals(m.team())).map(Member::id).toList();
    }

    private List<Task> tasks() {
        return jdbc.query("""
                select t.ID_, t.TASK_DEF_KEY_, t.ASSIGNEE_, t.DUE_DATE_, t.PROC_INST_ID_, t.EXECUTION_ID_, pi.BUSINESS_KEY_
                from ACT_RU_TASK t left join ACT_RU_EXECUTION pi on pi.ID_ = t.PROC_INST_ID_""",
                (rs, i) -> new Task(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getString(5), rs.getString(6), rs.getString(7)));
    }

    private Set<String> taskIds() {
        return new HashSet<>(jdbc.queryForList("select ID_ from ACT_RU_TASK", String.class));
    }

    private Task task(String id) {
        return tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    /** A random open task of this sequence's leads, in a stable order (lead, task key, id). */
    private Task randomTask(java.util.function.Predicate<Task> filter) {
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            order.put(leads.get(i), i);
        }
        List<Task> open = tasks().stream().filter(t -> order.containsKey(t.lead())).filter(t -> filter == null || filter.test(t))
                .filter(t -> t.assignee() != null)
                .sorted(Comparator.comparing((Task t) -> order.get(t.lead())).thenComparing(Task::key).thenComparing(Task::due,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        return open.isEmpty() ? null : oneOf(open);
    }

    private Snapshot snapshot(Task task) {
        String owner = jdbc.queryForObject("select owner from baton_lead where id = ?", String.class, task.lead());
        return new Snapshot(task, owner, leadTasks(task.lead()));
    }

    private List<String> leadTasks(String lead) {
        return tasks().stream().filter(t -> lead.equals(t.lead())).map(t -> t.id() + ":" + t.key() + ":" + t.assignee() + ":" + t.due())
                .sorted().toList();
    }

    private void requireUnchanged(Snapshot before, String what) {
        Task now = task(before.task().id());
        require(now != null, what + " removed " + describe(before.task()));
        require(Objects.equals(now.assignee(), before.task().assignee()) && Objects.equals(now.due(), before.task().due()),
                what + " changed " + describe(before.task()) + " to assignee " + now.assignee() + ", due " + now.due());
        String owner = jdbc.queryForObject("select owner from baton_lead where id = ?", String.class, before.task().lead());
        require(Objects.equals(owner, before.owner()), what + " moved the lead from " + before.owner() + " to " + owner);
        require(leadTasks(before.task().lead()).equals(before.leadTasks()), what + " changed the lead's tasks from " + before.leadTasks()
                + " to " + leadTasks(before.task().lead()));
    }

    private List<String> openLeads() {
        return leads.stream().filter(id -> "OPEN".equals(status(id))).toList();
    }

    private String status(String lead) {
        return jdbc.queryForObject("select status from baton_lead where id = ?", String.class, lead);
    }

    private void remember(String lead) {
        if (!leads.contains(lead)) {
            leads.add(lead);
            leadNames.put(lead, "L" + sequence + "." + leads.size());
        }
    }

    private String name(String lead) {
        return leadNames.getOrDefault(lead, "lead") + "(" + (lead == null ? "?" : lead.substring(0, Math.min(8, lead.length()))) + ")";
    }

    private String describe(Task task) {
        return task.key() + " of " + name(task.lead()) + " [" + task.assignee() + ", due " + task.due() + "]";
    }

    // --- the invariant ----------------------------------------------------------------------------------

    private void checkInvariant(String after) {
        long started = System.nanoTime();
        try {
            checkInvariantTimed(after);
        } finally {
            invariantNanos += System.nanoTime() - started;
        }
    }

    private void checkInvariantTimed(String after) {
        String context = " (after " + after + ")";
        ResponseEntity<String> healthResponse = call(TOP, HttpMethod.GET, "/api/health/ownership", null);
        require(healthResponse.getStatusCode().value() == 200, "health answered " + brief(healthResponse) + context);
        JsonNode health = json(healthResponse);
        require(health.path("openLeads").asLong(-1) >= 0 && health.path("leadsWithoutOwner").asLong(-1) == 0
                && health.path("unassignedTasks").asLong(-1) == 0 && health.path("ownerMismatches").asLong(-1) == 0,
                "/api/health/ownership is " + health + context);

        Map<String, Member> people = directory();
        Map<String, String> leadStatus = new HashMap<>();
        Map<String, String> leadOwner = new HashMap<>();
        jdbc.query("select id, status, owner from baton_lead", rs -> {
            leadStatus.put(rs.getString(1), rs.getString(2));
            leadOwner.put(rs.getString(1), rs.getString(3));
        });
        List<Task> tasks = tasks();
        Map<String, Long> candidates = new HashMap<>();
        jdbc.query("select TASK_ID_, count(*) from ACT_RU_IDENTITYLINK where TASK_ID_ is not null and TYPE_ = 'candidate' group by TASK_ID_",
                rs -> {
                    candidates.put(rs.getString(1), rs.getLong(2));
                });
        Engine engine = engine();

        for (Task task : tasks) {
            String what = describe(task);
            require(task.lead() != null && "OPEN".equals(leadStatus.get(task.lead())),
                    "open task " + what + " belongs to a lead that is " + leadStatus.get(task.lead()) + context);
            require(task.assignee() != null, "open task " + what + " has no assignee" + context);
            require(!candidates.containsKey(task.id()), "open task " + what + " has candidates besides its assignee" + context);
            Member assignee = people.get(task.assignee());
            require(assignee != null && assignee.active(), "open task " + what + " is assigned to " + task.assignee() + ", who is "
                    + (assignee == null ? "not a member of the directory" : "offboarded") + context);
            require(task.due() != null, "open task " + what + " has no due date" + context);
            explorable("obligation", engine.covered(task, tasks), "open task " + what + " has no live obligation: no pending timer due at "
                    + task.due() + " in its instance or an escalation called for it, and no open review; timers of the lead: "
                    + engine.timersOfLead(task.lead()) + context);
        }

        Map<String, List<String[]>> openPeriods = new HashMap<>();
        jdbc.query("select lead_id, owner, open_lead_id from baton_ownership_period where valid_to is null", rs -> {
            openPeriods.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2), rs.getString(3)});
        });
        for (Map.Entry<String, String> lead : leadStatus.entrySet()) {
            String id = lead.getKey();
            List<String[]> periods = openPeriods.getOrDefault(id, List.of());
            if ("OPEN".equals(lead.getValue())) {
                String owner = leadOwner.get(id);
                require(periods.size() == 1, "open lead " + name(id) + " has " + periods.size() + " open ownership periods" + context);
                require(Objects.equals(periods.get(0)[0], owner) && id.equals(periods.get(0)[1]),
                        "open lead " + name(id) + " is owned by " + owner + " but its open period names " + periods.get(0)[0] + context);
                Member member = owner == null ? null : people.get(owner);
                require(member != null && member.active(), "open lead " + name(id) + " is owned by " + owner + ", who is not an active member" + context);
                for (Task task : tasks) {
                    if (id.equals(task.lead()) && taskFacts.ownerTaskKeys().contains(task.key())) {
                        require(owner.equals(task.assignee()), "owner task " + describe(task) + " is not assigned to the lead's owner " + owner + context);
                    }
                }
            } else {
                require(periods.isEmpty(), lead.getValue() + " lead " + name(id) + " still has an open ownership period" + context);
                require(!engine.businessKeysWithJobs.contains(id), lead.getValue() + " lead " + name(id) + " still has jobs: "
                        + engine.timersOfLead(id) + context);
            }
        }

        jdbc.query("""
                select e.id, e.lead_id, e.reviewer, e.escalated_task from baton_escalation e join baton_lead l on l.id = e.lead_id
                where e.decision is null and l.status = 'OPEN'""", rs -> {
            Member reviewer = people.get(rs.getString(3));
            String leadId = rs.getString(2);
            String review = tasks.stream().filter(t -> EscalationProcess.TASK_REVIEW.equals(t.key()) && leadId.equals(t.lead()))
                    .map(t -> t.assignee() + " due " + t.due()).toList().toString();
            explorable("escalation", reviewer == null || reviewer.active(), "open escalation " + rs.getLong(1) + " (" + rs.getString(4) + " of "
                    + name(rs.getString(2)) + ") is addressed to " + rs.getString(3) + ", who is offboarded; open reviews of the lead: " + review + context);
        });
    }

    private record Timer(String id, Timestamp due, String instance, String activity) {
    }

    /** The engine's process instances, their call tree, the escalations' task keys and the pending timers. */
    private final class Engine {
        final Map<String, String> businessKey = new HashMap<>();
        final Map<String, String> definitionKey = new HashMap<>();
        final Map<String, String> parentInstance = new HashMap<>();
        final Map<String, String> escalatedTask = new HashMap<>();
        final Map<String, List<Timer>> timers = new HashMap<>();
        final Set<String> businessKeysWithJobs = new HashSet<>();

        boolean covered(Task task, List<Task> tasks) {
            Set<String> escalations = new HashSet<>();
            for (Map.Entry<String, String> instance : parentInstance.entrySet()) {
                String id = instance.getKey();
                if (task.instance().equals(instance.getValue()) && EscalationProcess.KEY.equals(definitionKey.get(id))
                        && task.key().equals(escalatedTask.get(id)) && Objects.equals(task.lead(), businessKey.get(id))) {
                    escalations.add(id);
                }
            }
            for (String instance : concat(List.of(task.instance()), List.copyOf(escalations))) {
                for (Timer timer : timers.getOrDefault(instance, List.of())) {
                    if (Math.abs(timer.due().getTime() - task.due().getTime()) <= DUE_TOLERANCE_MS) {
                        return true;
                    }
                }
            }
            return tasks.stream().anyMatch(t -> EscalationProcess.TASK_REVIEW.equals(t.key()) && escalations.contains(t.instance()));
        }

        String timersOfLead(String lead) {
            return timers.values().stream().flatMap(List::stream).filter(t -> Objects.equals(lead, businessKey.get(t.instance())))
                    .map(t -> t.activity() + "@" + t.due() + " in " + definitionKey.get(t.instance())).toList().toString();
        }
    }

    private Engine engine() {
        Engine engine = new Engine();
        Map<String, String> executionInstance = new HashMap<>();
        Map<String, String> superExecution = new HashMap<>();
        jdbc.query("""
                select e.ID_, e.PROC_INST_ID_, e.PARENT_ID_, e.SUPER_EXEC_, e.BUSINESS_KEY_, d.KEY_
                from ACT_RU_EXECUTION e left join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_""", rs -> {
            String id = rs.getString(1);
            executionInstance.put(id, rs.getString(2));
            if (rs.getString(3) == null) {
                engine.businessKey.put(id, rs.getString(5));
                engine.definitionKey.put(id, rs.getString(6));
                if (rs.getString(4) != null) {
                    superExecution.put(id, rs.getString(4));
                }
            }
        });
        superExecution.forEach((instance, execution) -> engine.parentInstance.put(instance, executionInstance.get(execution)));
        jdbc.query("select PROC_INST_ID_, TEXT_ from ACT_RU_VARIABLE where NAME_ = ? and EXECUTION_ID_ = PROC_INST_ID_",
                rs -> {
                    engine.escalatedTask.put(rs.getString(1), rs.getString(2));
                }, EscalationProcess.VAR_ESCALATED_TASK);
        jdbc.query("select j.ID_, j.TYPE_, j.DUEDATE_, j.PROCESS_INSTANCE_ID_, d.ACT_ID_ from ACT_RU_JOB j left join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_", rs -> {
            String instance = rs.getString(4);
            if (instance != null && engine.businessKey.get(instance) != null) {
                engine.businessKeysWithJobs.add(engine.businessKey.get(instance));
            }
            if ("timer".equals(rs.getString(2)) && rs.getTimestamp(3) != null && instance != null) {
                engine.timers.computeIfAbsent(instance, k -> new ArrayList<>())
                        .add(new Timer(rs.getString(1), rs.getTimestamp(3), instance, rs.getString(5)));
            }
        });
        return engine;
    }

    // --- plumbing ------------------------------------------------------------------------------------

    private ResponseEntity<String> call(String user, HttpMethod method, String path, String body) {
        long started = System.nanoTime();
        try {
            return callTimed(user, method, path, body);
        } finally {
            httpNanos += System.nanoTime() - started;
        }
    }

    private ResponseEntity<String> callTimed(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = as(user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
        require(response.getStatusCode().value() < 500, method + " " + path + " as " + user + " answered " + brief(response) + " for " + body);
        return response;
    }

    private JsonNode json(ResponseEntity<String> response) {
        try {
            return response.getBody() == null ? mapper.createObjectNode() : mapper.readTree(response.getBody());
        } catch (Exception notJson) {
            ObjectNode text = mapper.createObjectNode();
            text.put("body", response.getBody());
            return text;
        }
    }

    private static String brief(ResponseEntity<String> response) {
        String body = response.getBody() == null ? "" : response.getBody().replaceAll("\\s+", " ");
        return response.getStatusCode().value() + (body.isEmpty() ? "" : " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private String pick(Map<String, Integer> weights) {
        List<Map.Entry<String, Integer>> sorted = weights.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
        int total = sorted.stream().mapToInt(Map.Entry::getValue).sum();
        int roll = random.nextInt(total);
        for (Map.Entry<String, Integer> entry : sorted) {
            roll -= entry.getValue();
            if (roll < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        second.stream().filter(x -> !all.contains(x)).forEach(all::add);
        return all;
    }
}
