-- Account-aware routing. A lead's account is its normalised corporate e-mail domain (null for
-- free-mail and reserved domains); routing looks up the account's other open leads by it.
alter table baton_lead add column account_domain varchar(254);
create index baton_lead_account on baton_lead (account_domain, status);

-- Why the routing step chose the lead's owner: the routing table's team, matched rule and segment,
-- the reason, and the account's owner and lead when another open lead of the company existed.
alter table baton_lead add column routing_team varchar(64);
alter table baton_lead add column routing_rule varchar(255);
alter table baton_lead add column routing_segment varchar(1000);
alter table baton_lead add column routing_reason varchar(40);
alter table baton_lead add column routing_account_owner varchar(64);
alter table baton_lead add column routing_account_lead_id varchar(36);

-- One row per account, locked by the routing of each of its leads until that lead commits: two
-- leads of one company captured at the same moment are routed one after the other, so the second
-- sees the first and goes to its owner, on one node or many.
create table baton_account (
    domain         varchar(254) primary key,
    last_routed_at timestamp with time zone not null
);
