package io.baton.system;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * An engine command a user sent that Baton refuses: a forged or malformed answer, a value type that
 * could run code when read back, a re-assignment outside the rules. Thrown before the command
 * changes anything, so the task stays exactly as it was; {@link EngineRestProblems} turns it into
 * problem+json on Camunda's REST API and the web apps' API alike.
 */
public class Refusal extends BadUserRequestException {

    public record Problem(String field, String message) {
    }

    private final int status;
    private final transient List<Problem> problems;

    public Refusal(int status, List<Problem> problems) {
        super(describe(problems));
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public static Refusal invalid(String field, String message) {
        return new Refusal(400, List.of(new Problem(field, message)));
    }

    public static Refusal forbidden(String field, String message) {
        return new Refusal(403, List.of(new Problem(field, message)));
    }

    public static Refusal conflict(String field, String message) {
        return new Refusal(409, List.of(new Problem(field, message)));
    }

    public int status() {
        return status;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList());
    }
}
