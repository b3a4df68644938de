-- Failed logins per user ('user:<id>') and per source address ('address:<ip>'), shared by every
-- node. A row whose expires_at has passed carries no information and may be deleted at any time;
-- deleting a row lifts its lock at once (README "Operating securely").
create table baton_login_throttle (
    subject      varchar(300) primary key,
    failures     integer not null,
    window_start timestamp with time zone not null,
    locked_until timestamp with time zone,
    expires_at   timestamp with time zone not null
);
create index baton_login_throttle_expiry on baton_login_throttle (expires_at);
