package io.baton.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.entity.CamundaFormDefinitionManager;
import org.camunda.bpm.engine.impl.form.handler.DefaultFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.springframework.stereotype.Component;

/**
 * {@code camunda:formRefBinding="version" camunda:formRefVersion="${forms.pinned(task)}"}: a task
 * shows the latest version of its form as it was when the task was created, and keeps showing it.
 *
 * <p>Camunda resolves a task's form reference each time someone reads it (Tasklist, the REST API),
 * evaluating {@code formRefVersion} against the task then; binding {@code latest} would change an
 * open task's form the moment a designer deploys a new one. So every user task bound by version
 * gets, before any listener of the diagram runs, the latest version of its form written on the
 * process instance as {@code formVersion_<task key>}; the expression reads it back. Baton's own
 * readers of the form (the checklist gate, the answers a task accepts) read the same version.
 */
@Component("forms")
public class FormPins extends AbstractProcessEnginePlugin {

    public static final String VARIABLE_PREFIX = "formVersion_";

    private ProcessEngineConfigurationImpl engine;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                if (DefaultFormHandler.FORM_REF_BINDING_VERSION.equals(definition.getCamundaFormDefinitionBinding())
                        && definition.getCamundaFormDefinitionKey() != null) {
                    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, task -> pin(task, definition.getCamundaFormDefinitionKey()));
                }
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    /** The version a task's form is pinned to, as the engine's {@code formRefVersion} wants it: a string. */
    public String pinned(DelegateTask task) {
        Object version = task.getVariable(variable(task.getTaskDefinitionKey()));
        if (version == null) {
            throw new ProcessEngineException("Task '" + task.getTaskDefinitionKey() + "' (" + task.getId() + ") has no pinned form version '"
                    + variable(task.getTaskDefinitionKey()) + "'");
        }
        return version.toString();
    }

    /** The process variable that holds the pinned form version of the tasks of {@code taskKey}. */
    public static String variable(String taskKey) {
        return VARIABLE_PREFIX + taskKey;
    }

    /** The content of a deployed form by key and version, as the engine stores it. */
    public Optional<byte[]> content(String key, int version) {
        return Optional.ofNullable(engine.getCommandExecutorTxRequired().execute(context -> {
            CamundaFormDefinition definition = context.getCamundaFormDefinitionManager().findDefinitionByKeyVersionAndTenantId(key, version, null);
            if (definition == null) {
                return null;
            }
            ResourceEntity resource = context.getResourceManager()
                    .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
            return resource == null ? null : resource.getBytes();
        }));
    }

    private static void pin(DelegateTask task, Expression formKey) {
        Object key = formKey.getValue(task);
        if (key == null) {
            return;
        }
        CamundaFormDefinitionManager forms = Context.getCommandContext().getCamundaFormDefinitionManager();
        CamundaFormDefinition latest = forms.findLatestDefinitionByKey(key.toString());
        if (latest == null) {
            throw new ProcessEngineException("Task '" + task.getTaskDefinitionKey() + "' refers to form '" + key
                    + "', which is not deployed: deploy the form (Modeler, or POST /engine-rest/deployment/create) first");
        }
        // On the process instance, not the task: the checklist gate reads it after the task is done.
        ((TaskEntity) task).getProcessInstance().setVariableLocal(variable(task.getTaskDefinitionKey()), String.valueOf(latest.getVersion()));
    }
}
