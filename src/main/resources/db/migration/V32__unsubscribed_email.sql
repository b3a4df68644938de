-- An unsubscribed contact is not captured again: intake finds the unsubscribed lead by its lower-cased email.
alter table baton_lead add column suppressed_email varchar(254);
update baton_lead set suppressed_email = lower(trim(email)) where status = 'UNSUBSCRIBED';
create index baton_lead_suppressed_email on baton_lead (suppressed_email);
