package io.baton.lead;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.jdbc.core.JdbcTemplate;
import io.baton.system.Refusal;
import org.springframework.stereotype.Component;

/**
 * A lead has at most one running {@code lead-lifecycle}, whoever starts it: Baton's intake, Camunda's
 * REST API ({@code /process-definition/key/lead-lifecycle/start}, with or without start
 * instructions or {@code skipCustomListeners}), a restart or a call activity. The check is a
 * built-in start listener of the deployed definition, so every door passes it. It locks the lead's
 * row first: two concurrent starts for one lead, also on two nodes, take turns, and the second sees
 * the first's committed instance. A refusal rolls the whole start back and reaches REST clients as
 * problem+json: 409 for a second lifecycle, 400 for a business key that names no lead.
 */
@Component
class OneLifecyclePerLead extends AbstractProcessEnginePlugin {

    // Only root lead-lifecycle instances: called handoffs and escalations carry the same business key.
    private static final String RUNNING = """
            select count(*) from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_
            where e.BUSINESS_KEY_ = ? and e.ID_ = e.PROC_INST_ID_ and d.KEY_ = ?""";

    private final JdbcTemplate jdbc;

    OneLifecyclePerLead(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (LeadLifecycle.KEY.equals(processDefinition.getKey())) {
                    // Built in: skipCustomListeners does not skip it.
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) OneLifecyclePerLead.this::check);
                }
            }
        });
    }

    void check(DelegateExecution instance) {
        String leadId = instance.getProcessBusinessKey();
        if (leadId == null || leadId.isBlank()) {
            throw Refusal.invalid("businessKey", "a " + LeadLifecycle.KEY + " instance needs its lead's id as business key");
        }
        List<String> lead = jdbc.queryForList("select id from baton_lead where id = ? for update", String.class, leadId);
        if (lead.isEmpty()) {
            throw Refusal.invalid("businessKey", "there is no lead with id '" + leadId + "': capture leads with POST /api/leads");
        }
        // The instance being started is not flushed yet: every one counted here is another.
        Long running = jdbc.queryForObject(RUNNING, Long.class, leadId, LeadLifecycle.KEY);
        if (running != null && running > 0) {
            throw Refusal.conflict("businessKey", "lead " + leadId + " already has a running " + LeadLifecycle.KEY + " instance");
        }
    }
}
