package io.baton.bench;

import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills the database with open leads spread over stages and owners, fast enough for 100,000 of
 * them: the engine itself creates one template instance per (stage, owner), waiting in that
 * stage's user task; then PostgreSQL copies each template's rows ({@code ACT_RU_*} and the
 * process, activity, task and variable history) with fresh ids and business keys, next to the
 * matching lead row and open ownership period. Copies are what the engine would have written for
 * a lead sitting in that stage; only variable-update history ({@code ACT_HI_DETAIL}) is left out.
 * Creating them through the engine runs at the intake rate (see the report), i.e. minutes per
 * 100,000 on a small machine, which is why the benchmark copies instead.
 */
final class OpenLeadCloner {

    record Template(String activity, String owner, String stage, int weight) {
    }

    static final List<Template> TEMPLATES = List.of(
            new Template(LeadLifecycle.TASK_FIX_LEAD_DATA, "mara", LeadLifecycle.TASK_FIX_LEAD_DATA, 5),
            new Template(LeadLifecycle.TASK_QUALIFY_LEAD, "sam", "qualification", 18),
            new Template(LeadLifecycle.TASK_QUALIFY_LEAD, "sofia", "qualification", 17),
            new Template(LeadLifecycle.CALL_HANDOFF_TO_AE, "sam", "handoffToAe", 5),
            new Template(LeadLifecycle.CALL_HANDOFF_TO_AE, "sofia", "handoffToAe", 5),
            new Template(LeadLifecycle.TASK_NEEDS_ANALYSIS, "alex", LeadLifecycle.TASK_NEEDS_ANALYSIS, 7),
            new Template(LeadLifecycle.TASK_NEEDS_ANALYSIS, "ava", LeadLifecycle.TASK_NEEDS_ANALYSIS, 7),
            new Template(LeadLifecycle.TASK_SEND_PROPOSAL, "alex", "proposal", 6),
            new Template(LeadLifecycle.TASK_SEND_PROPOSAL, "ava", "proposal", 6),
            new Template(LeadLifecycle.TASK_NEGOTIATE, "alex", "negotiation", 5),
            new Template(LeadLifecycle.TASK_NEGOTIATE, "ava", "negotiation", 5),
            new Template(LeadLifecycle.CALL_HANDOFF_TO_DELIVERY, "alex", "handoffToDelivery", 2),
            new Template(LeadLifecycle.CALL_HANDOFF_TO_DELIVERY, "ava", "handoffToDelivery", 2),
            new Template(LeadLifecycle.TASK_KICKOFF_ONBOARDING, "dana", "onboarding", 5),
            new Template(LeadLifecycle.TASK_KICKOFF_ONBOARDING, "devon", "onboarding", 5));

    /** Runtime and history tables copied per template, with the column naming the template's instances. */
    private static final List<String[]> TABLES = List.of(
            new String[] {"act_ru_execution", "proc_inst_id_"},
            new String[] {"act_ru_task", "proc_inst_id_"},
            new String[] {"act_ru_variable", "proc_inst_id_"},
            new String[] {"act_ru_job", "process_instance_id_"},
            new String[] {"act_ru_event_subscr", "proc_inst_id_"},
            new String[] {"act_hi_procinst", "proc_inst_id_"},
            new String[] {"act_hi_actinst", "proc_inst_id_"},
            new String[] {"act_hi_taskinst", "proc_inst_id_"},
            new String[] {"act_hi_varinst", "proc_inst_id_"});

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;

    OpenLeadCloner(JdbcTemplate jdbc, RuntimeService runtime, LeadIntake intake) {
        this.jdbc = jdbc;
        this.runtime = runtime;
    }

    void fill(long leads) {
        jdbc.execute("create table if not exists bench_clone_ids (id varchar(64) primary key)");
        long remaining = leads - TEMPLATES.size();
        int total = TEMPLATES.stream().mapToInt(Template::weight).sum();
        for (int t = 0; t < TEMPLATES.size(); t++) {
            Template template = TEMPLATES.get(t);
            long copies = t == TEMPLATES.size() - 1 ? remaining : Math.round((double) leads * template.weight() / total);
            copies = Math.max(0, Math.min(copies, remaining));
            remaining -= copies;
            String leadId = templateLead(t, template);
            if (copies > 0) {
                copy(t, leadId, copies);
            }
        }
        for (String[] table : TABLES) {
            jdbc.execute("analyze " + table[0]);
        }
        jdbc.execute("analyze baton_lead");
        jdbc.execute("analyze baton_ownership_period");
    }

    /** One real lead, positioned by the engine in the template's stage with its owner. */
    private String templateLead(int index, Template template) {
        String leadId = UUID.randomUUID().toString();
        LeadRequest lead = new LeadRequest("template-" + index + "-" + leadId, "template-" + index + "-" + leadId + "@bench.example",
                "Tia", "Template", template.activity().equals(LeadLifecycle.TASK_FIX_LEAD_DATA) ? null : "Template Corp " + index,
                "DE", "web", 50 + index);
        Timestamp now = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
        jdbc.update("""
                insert into baton_lead (id, external_id, email, open_email, first_name, last_name, company, country, source, employees,
                                        owner, status, stage, created_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, 0)""",
                leadId, lead.externalId(), lead.email(), lead.email(), lead.firstName(), lead.lastName(), lead.company(), lead.country(),
                lead.source(), lead.employees(), template.owner(), template.stage(), now);
        jdbc.update("insert into baton_ownership_period (lead_id, owner, valid_from, open_lead_id, reason, actor) values (?, ?, ?, ?, 'ROUTED', 'baton')",
                leadId, template.owner(), now, leadId);
        runtime.createProcessInstanceByKey(LeadLifecycle.KEY).businessKey(leadId)
                .startBeforeActivity(template.activity())
                .setVariables(BatonBench.variables(leadId, lead, template.owner()))
                .execute();
        return leadId;
    }

    private void copy(int index, String leadId, long copies) {
        List<String> instances = jdbc.queryForList(
                "select id_ from act_ru_execution where root_proc_inst_id_ = (select proc_inst_id_ from act_ru_execution where business_key_ = ? and parent_id_ is null and super_exec_ is null) and id_ = proc_inst_id_",
                String.class, leadId);
        String in = instances.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        jdbc.execute("truncate bench_clone_ids");
        for (String[] table : TABLES) {
            jdbc.update("insert into bench_clone_ids (id) select id_ from " + table[0] + " where " + table[1] + " in (" + in + ") on conflict do nothing");
        }
        for (String[] table : TABLES) {
            List<String> columns = jdbc.queryForList(
                    "select column_name from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position",
                    String.class, table[0]);
            List<String> textColumns = jdbc.queryForList("""
                    select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?
                    and data_type in ('character varying', 'text')""", String.class, table[0]);
            String select = columns.stream().map(c -> textColumns.contains(c)
                    // Fresh ids of the same length; an activity instance id keeps its "activityId:" prefix.
                    ? "case when t." + c + " in (select id from bench_clone_ids) then regexp_replace(t." + c + ", '[^:]*$', '') || md5(t." + c + " || '-' || g.n)::uuid::text"
                    + " when t." + c + " = '" + leadId + "' then md5('" + leadId + "' || g.n)::uuid::text else t." + c + " end"
                    : "t." + c).collect(Collectors.joining(", "));
            jdbc.update("insert into " + table[0] + " (" + String.join(", ", columns) + ") select " + select + " from " + table[0]
                    + " t cross join generate_series(1, " + copies + ") g(n) where t." + table[1] + " in (" + in + ")");
        }
        jdbc.update("""
                insert into baton_lead (id, external_id, email, open_email, first_name, last_name, company, country, source, employees,
                                        owner, status, stage, created_at, version)
                select md5(t.id || g.n)::uuid::text, 'open-' || ? || '-' || g.n, 'open-' || ? || '-' || g.n || '@bench.example',
                       'open-' || ? || '-' || g.n || '@bench.example', t.first_name, t.last_name, t.company, t.country, t.source, t.employees,
                       t.owner, 'OPEN', t.stage, t.created_at - (g.n % 20000) * interval '1 minute', 0
                from baton_lead t cross join generate_series(1, ?) g(n) where t.id = ?""", index, index, index, copies, leadId);
        jdbc.update("""
                insert into baton_ownership_period (lead_id, owner, valid_from, open_lead_id, reason, actor)
                select md5(t.id || g.n)::uuid::text, t.owner, t.created_at - (g.n % 20000) * interval '1 minute', md5(t.id || g.n)::uuid::text,
                       'ROUTED', 'baton'
                from baton_lead t cross join generate_series(1, ?) g(n) where t.id = ?""", copies, leadId);
    }
}
