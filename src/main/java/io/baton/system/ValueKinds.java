package io.baton.system;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Which kinds of values people may write into the engine: plain values and JSON. An {@code Object}
 * value names a Java class that the engine instantiates when anyone reads it back, which is how a
 * crafted variable runs code on the server; files, bytes and XML have no place in an answer either.
 */
final class ValueKinds {

    private static final Set<String> PLAIN_TYPES = Set.of("null", "boolean", "string", "integer", "long", "short", "double", "date", "number");
    private static final String JSON = "json";

    private ValueKinds() {
    }

    /** Null when the value may be written by a person, else why not. */
    static String refusedKind(Object value) {
        if (value instanceof TypedValue typed) {
            String type = typed.getType() == null ? null : typed.getType().getName();
            if (type == null) {
                return refusedKind(typed.getValue());
            }
            return PLAIN_TYPES.contains(type) || JSON.equals(type) ? null
                    : "a value of type '" + type + "' cannot be written; send a plain value (string, boolean, number, date) or Json";
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Double || value instanceof Date) {
            return null;
        }
        return "a value of class " + value.getClass().getSimpleName() + " cannot be written; send a plain value or Json";
    }

    /**
     * The entries of a variable map with their typed values. A variable map answers an untyped
     * read of a serialized {@code Object} value by trying to deserialize it, so it is read typed.
     */
    static Map<String, Object> typed(Map<String, ?> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        if (variables instanceof VariableMap map) {
            map.keySet().forEach(key -> typed.put(key, map.getValueTyped(key)));
        } else if (variables != null) {
            typed.putAll(variables);
        }
        return typed;
    }

    static boolean isJson(Object value) {
        return value instanceof TypedValue typed && typed.getType() != null && JSON.equals(typed.getType().getName());
    }
}
