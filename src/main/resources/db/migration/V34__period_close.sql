-- Why and by whom an ownership period ended when the lead closed (a period ended by a move is
-- explained by the next period's reason and actor).
alter table baton_ownership_period add column closed_reason varchar(40);
alter table baton_ownership_period add column closed_by varchar(64);
