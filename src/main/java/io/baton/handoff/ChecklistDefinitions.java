package io.baton.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.baton.system.FormPins;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

/**
 * Reads checklists from the deployed Camunda Forms, so a checkbox a designer adds in Modeler is a
 * gate item on the next deployment without a code change. The gate judges the version of the form
 * the sender's task showed ({@link FormPins}), whatever was deployed since. Deployed forms are
 * immutable: cached by key and version (or, for work pinned before versions were, by deployment).
 */
@Component
class ChecklistDefinitions {

    private final RepositoryService repositoryService;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, Checklist>> byDeployment = new ConcurrentHashMap<>();
    private final Map<String, Checklist> byVersion = new ConcurrentHashMap<>();
    private final FormPins forms;

    ChecklistDefinitions(RepositoryService repositoryService, FormPins forms) {
        this.repositoryService = repositoryService;
        this.forms = forms;
    }

    /** The checklist of form {@code formId} in the version a task was pinned to. */
    Checklist checklist(String formId, int version) {
        return byVersion.computeIfAbsent(formId + ":" + version, ignored -> {
            byte[] content = forms.content(formId, version).orElseThrow(() -> new IllegalStateException(
                    "No form '" + formId + "' in version " + version + " is deployed"));
            try {
                return read(json.readTree(content));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read form '" + formId + "' version " + version, e);
            }
        });
    }

    /** The checklist of form {@code formId} deployed with the process definition (work created before forms were pinned). */
    Checklist checklist(String processDefinitionId, String formId) {
        String deploymentId = repositoryService.getProcessDefinition(processDefinitionId).getDeploymentId();
        Checklist checklist = byDeployment.computeIfAbsent(deploymentId, this::load).get(formId);
        if (checklist == null) {
            throw new IllegalStateException("Deployment " + deploymentId + " has no form with id '" + formId + "'");
        }
        return checklist;
    }

    private Map<String, Checklist> load(String deploymentId) {
        Map<String, Checklist> forms = new LinkedHashMap<>();
        for (String resource : repositoryService.getDeploymentResourceNames(deploymentId)) {
            if (!resource.endsWith(".form")) {
                continue;
            }
            try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resource)) {
                Checklist checklist = read(json.readTree(in));
                forms.put(checklist.formId(), checklist);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read form " + resource, e);
            }
        }
        return forms;
    }

    private static Checklist read(JsonNode form) {
        Map<String, String> checkboxes = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        collect(form.path("components"), checkboxes, texts);
        return new Checklist(form.path("id").asText(), checkboxes, texts);
    }

    /**
     * Checklist items a form shows only under a condition. form-js does not submit a hidden field, so
     * such an item would be missing whenever its condition does not hold: a checklist form has none
     * ({@link ChecklistFormGuard} refuses it at deploy time).
     */
    static List<String> conditionalItems(JsonNode components) {
        List<String> conditional = new ArrayList<>();
        for (JsonNode component : components) {
            if ("checkbox".equals(component.path("type").asText()) && component.hasNonNull("conditional")) {
                conditional.add(component.path("key").asText(component.path("id").asText()));
            }
            conditional.addAll(conditionalItems(component.path("components")));
        }
        return conditional;
    }

    private static void collect(JsonNode components, Map<String, String> checkboxes, Map<String, String> texts) {
        for (JsonNode component : components) {
            String type = component.path("type").asText();
            String key = component.path("key").asText(null);
            boolean editable = !component.path("disabled").asBoolean(false) && !component.path("readonly").asBoolean(false);
            if ("checkbox".equals(type) && key != null && editable) {
                checkboxes.put(key, component.path("label").asText(key));
            } else if (("textfield".equals(type) || "textarea".equals(type)) && key != null && editable
                    && component.path("validate").path("required").asBoolean(false)) {
                texts.put(key, component.path("label").asText(key));
            }
            collect(component.path("components"), checkboxes, texts);
        }
    }
}
