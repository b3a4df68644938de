package io.baton.system;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * {@code ${answers.isTrue(execution, 'qualified')}}: gateway conditions on what people submitted.
 * A missing or malformed answer is simply not true, so every gateway can route it back to the
 * person instead of failing the completion.
 */
@Component("answers")
public class Answers {

    public boolean isTrue(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    public boolean isFalse(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return Boolean.FALSE.equals(value) || "false".equals(value);
    }

    public boolean is(VariableScope scope, String name, String expected) {
        Object value = scope.getVariable(name);
        return value instanceof String text && text.strip().equals(expected);
    }

    public boolean isBlank(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value instanceof String text && text.isBlank();
    }
}
