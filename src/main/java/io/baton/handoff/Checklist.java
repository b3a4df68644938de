package io.baton.handoff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A handoff checklist as the form defines it: every checkbox, plus every required text field. */
record Checklist(String formId, Map<String, String> checkboxes, Map<String, String> requiredTexts) {

    record Verdict(Map<String, Object> answers, List<String> missing) {
        boolean complete() {
            return missing.isEmpty();
        }
    }

    Verdict judge(Function<String, Object> values) {
        Map<String, Object> answers = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        checkboxes.keySet().forEach(key -> {
            Object value = values.apply(key);
            boolean checked = Boolean.TRUE.equals(value) || "true".equals(value);
            answers.put(key, checked);
            if (!checked) {
                missing.add(key);
            }
        });
        requiredTexts.keySet().forEach(key -> {
            Object value = values.apply(key);
            boolean written = value instanceof String text && !text.isBlank();
            answers.put(key, written ? "written" : "missing");
            if (!written) {
                missing.add(key);
            }
        });
        return new Verdict(answers, missing);
    }
}
