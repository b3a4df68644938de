-- Reports group escalations by task and reviewer and rejections by person: these indexes keep
-- those groupings index-only scans however many rows the evidence tables grow to.
create index baton_escalation_task on baton_escalation (escalated_task);
create index baton_handoff_event_kind_actor on baton_handoff_event (kind, actor);

-- Cluster-wide jobs lock their row, so two nodes never run the same reconcile at once.
create table baton_insight_lock (
    name varchar(64) primary key
);
insert into baton_insight_lock (name) values ('tasklist-filters');
