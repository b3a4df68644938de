-- The sender's context summary travels with the lead: the last accepted handoff's summary, who
-- wrote it and when, shown on every later task of the lead (the handoff's own process ends at
-- acceptance, and escalations run in their own instances).
alter table baton_lead add column handoff_summary varchar(10000);
alter table baton_lead add column handoff_from varchar(64);
alter table baton_lead add column handoff_at timestamp with time zone;
