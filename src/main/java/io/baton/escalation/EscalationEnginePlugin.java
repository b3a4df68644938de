package io.baton.escalation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Installs the escalation rules into the engine: the deployment guard that every user task's lapse escalates. */
@Component
class EscalationEnginePlugin extends AbstractProcessEnginePlugin {

    private final SlaProperties properties;

    EscalationEnginePlugin(SlaProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new SlaGuard(properties));
        configuration.setCustomPreBPMNParseListeners(listeners);
    }
}
