package io.baton.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * What a person may answer on a task, read from the model: the editable fields of the task's
 * deployed Camunda Form (key, the type the field implies, its options and bounds), plus the rules a
 * designer declares as extension properties on the user task:
 * <ul>
 *   <li>{@code answer.required} = {@code qualified}: keys a completion must carry (comma-separated);</li>
 *   <li>{@code answer.required.disqualifyReason} = {@code qualified = false}: required when another answer has that value;</li>
 *   <li>{@code answer.person} = {@code newOwner}: answers naming a person who must be able to take work;</li>
 *   <li>{@code answer.duration} = {@code extendBy}: answers that must be an ISO-8601 duration;</li>
 *   <li>{@code answer.extra.<key>} = {@code boolean|string|number}: answers REST clients may send that the form does not show.</li>
 * </ul>
 * A radio whose options are exactly {@code "true"} and {@code "false"} is a yes/no decision: a form cannot
 * require a checkbox to be answered (required means ticked), so the form asks with a radio and the
 * answer is the boolean the contract names. The radio's string is turned into that boolean before the
 * engine sees it ({@link Schema#decided}); REST clients may send the boolean itself.
 * Deployed forms and models never change, so both are cached by their definition id.
 */
final class TaskAnswers {

    private static final String PREFIX = "answer.";
    private static final int MAX_TEXT = 10_000;
    private static final Set<String> YES_NO = Set.of("true", "false");

    enum Kind { TEXT, BOOLEAN, NUMBER, LIST }

    /** {@code optionsKey}: a select whose choices the task offers in a variable (form-js {@code valuesKey}). */
    record Field(String key, Kind kind, Set<String> options, Double min, Double max, Integer maxLength, String optionsKey) {
    }

    record Rules(Set<String> required, Map<String, Condition> requiredWhen, Set<String> people, Set<String> durations,
                 Map<String, Kind> extra) {
        static final Rules NONE = new Rules(Set.of(), Map.of(), Set.of(), Set.of(), Map.of());
    }

    /** {@code other = value}: the condition under which an answer is required. */
    record Condition(String key, String value) {
        boolean holds(Map<String, Object> answers) {
            Object actual = plain(answers.get(key));
            return actual != null && String.valueOf(actual).strip().equals(value);
        }
    }

    /** The answers of one task. */
    record Schema(String task, Map<String, Field> fields, Rules rules) {

        boolean allows(String key) {
            return fields.containsKey(key);
        }

        /**
         * The answers as the engine should store them: a yes/no radio's {@code "true"}/{@code "false"}
         * becomes a boolean, and an empty one no answer at all. Null when nothing needs converting.
         */
        Map<String, Object> decided(Map<String, Object> answers) {
            Map<String, Object> converted = null;
            for (Map.Entry<String, Object> answer : answers.entrySet()) {
                Field field = fields.get(answer.getKey());
                if (field != null && field.kind() == Kind.BOOLEAN && plain(answer.getValue()) instanceof String text) {
                    if (converted == null) {
                        converted = new LinkedHashMap<>(answers);
                    }
                    converted.put(answer.getKey(), text.isBlank() ? null : Boolean.valueOf(text.strip()));
                }
            }
            return converted;
        }

        /**
         * Problems of {@code answers} as written to this task; {@code completing} also checks what a completion needs.
         * {@code offered} reads a variable of the task: the choices of a select whose options come from a variable.
         */
        List<Refusal.Problem> problems(Map<String, ?> answers, boolean completing, Predicate<String> canTakeWork,
                                       Function<String, Object> offered) {
            List<Refusal.Problem> problems = new ArrayList<>();
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, ?> answer : answers.entrySet()) {
                String key = answer.getKey();
                Field field = fields.get(key);
                if (field == null) {
                    problems.add(new Refusal.Problem(key, "is not an answer of task " + task + "; it may set only " + String.join(", ", fields.keySet())));
                    continue;
                }
                String wrong = wrongValue(field, answer.getValue());
                if (wrong == null && field.optionsKey() != null) {
                    wrong = notOffered(field, answer.getValue(), offered);
                }
                if (wrong != null) {
                    problems.add(new Refusal.Problem(key, wrong));
                    continue;
                }
                values.put(key, plain(answer.getValue()));
            }
            if (!problems.isEmpty()) {
                return problems;
            }
            for (String key : rules.people()) {
                Object person = values.get(key);
                if (person instanceof String id && !id.isBlank() && !canTakeWork.test(id.strip())) {
                    problems.add(new Refusal.Problem(key, "'" + id + "' is not an active member of the team directory"));
                }
            }
            for (String key : rules.durations()) {
                Object duration = values.get(key);
                if (duration instanceof String text && !text.isBlank() && !isPositiveDuration(text.strip())) {
                    problems.add(new Refusal.Problem(key, "must be a positive ISO-8601 duration such as P1D or PT4H"));
                }
            }
            if (completing) {
                for (String key : rules.required()) {
                    if (blank(values.get(key))) {
                        problems.add(new Refusal.Problem(key, "is required to complete task " + task));
                    }
                }
                rules.requiredWhen().forEach((key, condition) -> {
                    if (condition.holds(values) && blank(values.get(key))) {
                        problems.add(new Refusal.Problem(key, "is required when " + condition.key() + " is " + condition.value()));
                    }
                });
            }
            return problems;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, Field>> formsByDefinition = new ConcurrentHashMap<>();
    private final Map<String, Rules> rulesByTask = new ConcurrentHashMap<>();

    /** The schema of a task of a process; a task without a form accepts no answers at all. */
    Schema schema(TaskEntity task, CommandContext commandContext) {
        String name = task.getTaskDefinitionKey() == null ? task.getId() : task.getTaskDefinitionKey();
        if (task.getProcessDefinitionId() == null || task.getTaskDefinitionKey() == null) {
            return new Schema(name, Map.of(), Rules.NONE);
        }
        Rules rules = rulesByTask.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                ignored -> rules(commandContext, task));
        Map<String, Field> fields = new LinkedHashMap<>(form(task, commandContext));
        rules.extra().forEach((key, kind) -> fields.putIfAbsent(key, new Field(key, kind, Set.of(), null, null, null, null)));
        return new Schema(name, fields, rules);
    }

    private Map<String, Field> form(TaskEntity task, CommandContext commandContext) {
        task.initializeFormKey();
        CamundaFormRef ref = task.getCamundaFormRef();
        if (ref == null || ref.getKey() == null) {
            return Map.of();
        }
        String deploymentId = task.getProcessDefinition().getDeploymentId();
        CamundaFormDefinition definition = commandContext.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, deploymentId));
        if (definition == null) {
            return Map.of();
        }
        return formsByDefinition.computeIfAbsent(definition.getId(), id -> {
            ResourceEntity resource = commandContext.getResourceManager()
                    .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
            try {
                Map<String, Field> fields = new LinkedHashMap<>();
                collect(json.readTree(resource.getBytes()).path("components"), fields);
                return Map.copyOf(fields);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read form " + definition.getResourceName(), e);
            }
        });
    }

    private static void collect(JsonNode components, Map<String, Field> fields) {
        for (JsonNode component : components) {
            String key = component.path("key").asText(null);
            boolean editable = !component.path("disabled").asBoolean(false) && !component.path("readonly").asBoolean(false);
            String type = component.path("type").asText();
            Kind kind = switch (type) {
                case "textfield", "textarea", "radio", "select", "datetime" -> Kind.TEXT;
                case "checkbox" -> Kind.BOOLEAN;
                case "number" -> Kind.NUMBER;
                case "checklist", "taglist" -> Kind.LIST;
                default -> null;
            };
            if (key != null && kind != null && editable) {
                Set<String> options = new LinkedHashSet<>();
                component.path("values").forEach(option -> options.add(option.path("value").asText()));
                if ("radio".equals(type) && options.equals(YES_NO)) {
                    kind = Kind.BOOLEAN;
                }
                JsonNode validate = component.path("validate");
                fields.put(key, new Field(key, kind, Set.copyOf(options),
                        validate.has("min") ? validate.path("min").asDouble() : null,
                        validate.has("max") ? validate.path("max").asDouble() : null,
                        validate.has("maxLength") ? validate.path("maxLength").asInt() : null,
                        "select".equals(type) && component.hasNonNull("valuesKey") ? component.path("valuesKey").asText() : null));
            }
            collect(component.path("components"), fields);
        }
    }

    private static Rules rules(CommandContext commandContext, TaskEntity task) {
        BpmnModelInstance model = commandContext.getProcessEngineConfiguration().getDeploymentCache()
                .findBpmnModelInstanceForProcessDefinition(task.getProcessDefinitionId());
        BaseElement element = model == null ? null : model.getModelElementById(task.getTaskDefinitionKey());
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions == null) {
            return Rules.NONE;
        }
        Set<String> required = new LinkedHashSet<>();
        Map<String, Condition> requiredWhen = new LinkedHashMap<>();
        Set<String> people = new LinkedHashSet<>();
        Set<String> durations = new LinkedHashSet<>();
        Map<String, Kind> extra = new LinkedHashMap<>();
        for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                String name = property.getCamundaName();
                String value = property.getCamundaValue();
                if (name == null || value == null || !name.startsWith(PREFIX)) {
                    continue;
                }
                String rule = name.substring(PREFIX.length());
                if (rule.equals("required")) {
                    required.addAll(list(value));
                } else if (rule.startsWith("required.")) {
                    String[] condition = value.split("=", 2);
                    requiredWhen.put(rule.substring("required.".length()), new Condition(condition[0].strip(),
                            condition.length > 1 ? condition[1].strip() : ""));
                } else if (rule.equals("person")) {
                    people.addAll(list(value));
                } else if (rule.equals("duration")) {
                    durations.addAll(list(value));
                } else if (rule.startsWith("extra.")) {
                    extra.put(rule.substring("extra.".length()), switch (value.strip()) {
                        case "boolean" -> Kind.BOOLEAN;
                        case "number" -> Kind.NUMBER;
                        default -> Kind.TEXT;
                    });
                }
            }
        }
        return new Rules(Set.copyOf(required), Map.copyOf(requiredWhen), Set.copyOf(people), Set.copyOf(durations), Map.copyOf(extra));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Why a value does not fit its field, or null when it does. Null values are empty answers. */
    private static String wrongValue(Field field, Object raw) {
        String kindOfValue = ValueKinds.refusedKind(raw);
        if (kindOfValue != null) {
            return kindOfValue;
        }
        Object value = plain(raw);
        if (value == null) {
            return null;
        }
        return switch (field.kind()) {
            case BOOLEAN -> value instanceof Boolean || value instanceof String text && !field.options().isEmpty()
                    && (text.isBlank() || field.options().contains(text.strip())) ? null : "must be a boolean (true or false)";
            case TEXT -> {
                if (!(value instanceof String text)) {
                    yield "must be a string";
                }
                if (text.length() > (field.maxLength() == null ? MAX_TEXT : Math.min(field.maxLength(), MAX_TEXT))) {
                    yield "is too long";
                }
                if (!field.options().isEmpty() && !text.isEmpty() && !field.options().contains(text.strip())) {
                    yield "must be one of " + String.join(", ", field.options());
                }
                yield null;
            }
            case NUMBER -> {
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    yield "must be a number";
                }
                if (field.min() != null && number.doubleValue() < field.min() || field.max() != null && number.doubleValue() > field.max()) {
                    yield "must be between " + (field.min() == null ? "-∞" : field.min()) + " and " + (field.max() == null ? "∞" : field.max());
                }
                yield null;
            }
            case LIST -> ValueKinds.isJson(raw) ? null : "must be a JSON list";
        };
    }

    /**
     * A choice the task did not offer: the select's options are the values of its {@code valuesKey}
     * variable (a Json list of {@code {label, value}} or of strings); a task offering none accepts none.
     */
    private static String notOffered(Field field, Object raw, Function<String, Object> offered) {
        if (!(plain(raw) instanceof String text) || text.isBlank()) {
            return null;
        }
        Set<String> choices = new LinkedHashSet<>();
        Object source = offered == null ? null : plain(offered.apply(field.optionsKey()));
        if (source != null) {
            try {
                for (JsonNode choice : new ObjectMapper().readTree(String.valueOf(ValueKinds.isJson(source) ? ((TypedValue) source).getValue() : source))) {
                    choices.add(choice.isObject() ? choice.path("value").asText() : choice.asText());
                }
            } catch (IOException | RuntimeException unreadable) {
                choices.clear();
            }
        }
        return choices.contains(text.strip()) ? null : choices.isEmpty() ? "this task offers no choices for it"
                : "must be one of the choices this task offers: " + String.join(", ", choices);
    }

    static Object plain(Object value) {
        return value instanceof TypedValue typed ? (ValueKinds.isJson(typed) ? typed : typed.getValue()) : value;
    }

    private static boolean blank(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    private static boolean isPositiveDuration(String text) {
        try {
            return !Duration.parse(text).isNegative() && !Duration.parse(text).isZero();
        } catch (DateTimeParseException notADuration) {
            try {
                Period period = Period.parse(text);
                return !period.isNegative() && !period.isZero();
            } catch (DateTimeParseException notAPeriod) {
                return false;
            }
        }
    }
}
