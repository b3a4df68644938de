package io.baton.ownership;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;

/**
 * A failed job of a process, or a decision answer Baton cannot use, becomes, besides Camunda's incident, a task for the process's named
 * steward: no automation fails without someone owning the repair.
 */
class StewardIncidentHandler extends DefaultIncidentHandler {

    static final String TASK_PREFIX = "Resolve incident: ";

    StewardIncidentHandler() {
        this(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    StewardIncidentHandler(String incidentType) {
        super(incidentType);
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
        Incident incident = super.handleIncident(context, message);
        String steward = steward(context.getProcessDefinitionId());
        TaskService tasks = Context.getProcessEngineConfiguration().getTaskService();
        Task task = tasks.newTask();
        // A decision's incident sits on the process instance, which may stand at no activity: it names the rule instead.
        String where = context.getActivityId() != null ? context.getActivityId() : context.getConfiguration();
        task.setName(TASK_PREFIX + where + " of " + context.getProcessDefinitionId());
        task.setDescription("Incident " + incident.getId() + " (execution " + context.getExecutionId() + "): " + message);
        task.setAssignee(steward);
        task.setPriority(80);
        tasks.saveTask(task);
        return incident;
    }

    private static String steward(String processDefinitionId) {
        if (processDefinitionId == null) {
            return Steward.FALLBACK;
        }
        DeploymentCache cache = Context.getProcessEngineConfiguration().getDeploymentCache();
        ProcessDefinitionEntity definition = cache.findDeployedProcessDefinitionById(processDefinitionId);
        return Steward.of(cache.findBpmnModelInstanceForProcessDefinition(definition), definition.getKey());
    }
}
