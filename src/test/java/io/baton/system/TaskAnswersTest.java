package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** A yes/no radio is the contract's boolean: its string is converted, a boolean is taken as it is, nothing else passes. */
class TaskAnswersTest {

    private static final TaskAnswers.Field QUALIFIED = new TaskAnswers.Field("qualified", TaskAnswers.Kind.BOOLEAN,
            Set.of("true", "false"), null, null, null, null);
    private static final TaskAnswers.Field REASON = new TaskAnswers.Field("disqualifyReason", TaskAnswers.Kind.TEXT, Set.of(), null, null, null, null);
    private static final TaskAnswers.Field TICK = new TaskAnswers.Field("contactVerified", TaskAnswers.Kind.BOOLEAN, Set.of(), null, null, null, null);

    private final TaskAnswers.Schema qualify = new TaskAnswers.Schema("qualifyLead",
            Map.of("qualified", QUALIFIED, "disqualifyReason", REASON, "contactVerified", TICK),
            new TaskAnswers.Rules(Set.of("qualified"), Map.of("disqualifyReason", new TaskAnswers.Condition("qualified", "false")),
                    Set.of(), Set.of(), Map.of()));

    private List<String> refusedFields(Map<String, Object> answers) {
        return qualify.problems(answers, true, id -> true, name -> null).stream().map(Refusal.Problem::field).toList();
    }

    private static Map<String, Object> answers(Object... keysAndValues) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            answers.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return answers;
    }

    @Test
    void theRadiosStringsBecomeTheBoolean() {
        assertThat(refusedFields(answers("qualified", "true"))).isEmpty();
        assertThat(qualify.decided(answers("qualified", "true"))).containsEntry("qualified", true);
        assertThat(qualify.decided(answers("qualified", Variables.stringValue("false"), "disqualifyReason", "no budget")))
                .containsEntry("qualified", false).containsKey("disqualifyReason");
    }

    @Test
    void aBooleanNeedsNoConversion() {
        assertThat(refusedFields(answers("qualified", true))).isEmpty();
        assertThat(refusedFields(answers("qualified", Variables.booleanValue(true)))).isEmpty();
        assertThat(qualify.decided(answers("qualified", true))).isNull();
        assertThat(qualify.decided(answers("disqualifyReason", "text"))).isNull();
    }

    @Test
    void noDecisionIsRefusedNamingIt() {
        assertThat(refusedFields(answers())).containsExactly("qualified");
        assertThat(refusedFields(answers("qualified", ""))).containsExactly("qualified");
        assertThat(refusedFields(answers("qualified", null))).containsExactly("qualified");
        Map<String, Object> empty = new HashMap<>();
        empty.put("qualified", "");
        assertThat(qualify.decided(empty)).containsEntry("qualified", null);
    }

    @Test
    void onlyTheRadiosOwnValuesPass() {
        assertThat(refusedFields(answers("qualified", "yes"))).containsExactly("qualified");
        assertThat(refusedFields(answers("qualified", 1))).containsExactly("qualified");
        // A checkbox (no options) takes booleans only, never a string.
        assertThat(refusedFields(answers("qualified", true, "contactVerified", "true"))).containsExactly("contactVerified");
    }

    @Test
    void disqualifyingByRadioNeedsTheReason() {
        assertThat(refusedFields(answers("qualified", "false"))).containsExactly("disqualifyReason");
        assertThat(refusedFields(answers("qualified", false))).containsExactly("disqualifyReason");
        assertThat(refusedFields(answers("qualified", "false", "disqualifyReason", "Student project"))).isEmpty();
    }

    // --- a select whose choices the task offers in a variable (the escalation review's new owner) ---

    private static final TaskAnswers.Field NEW_OWNER = new TaskAnswers.Field("newOwner", TaskAnswers.Kind.TEXT, Set.of(), null, null, null,
            "eligibleOwners");
    private static final TaskAnswers.Field EXTEND_BY = new TaskAnswers.Field("extendBy", TaskAnswers.Kind.TEXT,
            Set.of("PT4H", "P1D", "P2D", "P1W"), null, null, null, null);
    private final TaskAnswers.Schema review = new TaskAnswers.Schema("reviewEscalation",
            Map.of("newOwner", NEW_OWNER, "extendBy", EXTEND_BY), TaskAnswers.Rules.NONE);

    private List<String> refusedOnReview(Map<String, Object> answers, Object offered) {
        return review.problems(answers, true, id -> true, name -> "eligibleOwners".equals(name) ? offered : null).stream()
                .map(Refusal.Problem::field).toList();
    }

    @Test
    void aSelectFedByAVariableTakesOnlyTheOfferedValues() {
        Object offered = Variables.stringValue("[{\"label\": \"Sofia Sales-Dev\", \"value\": \"sofia\"}]");
        assertThat(refusedOnReview(answers("newOwner", "sofia"), offered)).isEmpty();
        assertThat(refusedOnReview(answers("newOwner", "alex"), offered)).containsExactly("newOwner");
        assertThat(refusedOnReview(answers("newOwner", "Sofia Sales-Dev"), offered)).as("the label is not the value").containsExactly("newOwner");
        assertThat(refusedOnReview(answers("newOwner", ""), offered)).as("no choice is no answer").isEmpty();
        assertThat(refusedOnReview(answers("newOwner", "sofia"), Variables.stringValue("[\"sofia\", \"sam\"]"))).isEmpty();
        assertThat(refusedOnReview(answers("newOwner", "sofia"), null)).as("a task offering nothing accepts nothing").containsExactly("newOwner");
    }

    @Test
    void theExtensionIsOneOfTheFormsChoices() {
        assertThat(refusedOnReview(answers("extendBy", "P1W"), null)).isEmpty();
        assertThat(refusedOnReview(answers("extendBy", "P3D"), null)).containsExactly("extendBy");
        assertThat(refusedOnReview(answers("extendBy", "soon"), null)).containsExactly("extendBy");
    }
}
