-- A team's working hours are in its own time zone (null: the zone of baton.sla.business-hours).
alter table baton_team add column time_zone varchar(64);
