-- A Camunda group is a team's group: its members join the team directory and get the team's Tasklist
-- grants without an API call (ownership.TeamGroups). That reconcile runs at start, periodically and when
-- the directory is read, on every node; this row serializes it, so two nodes never join or grant twice.
create table baton_team_lock (
    name varchar(64) primary key
);
insert into baton_team_lock (name) values ('team-groups');
