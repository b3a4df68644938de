-- Bulk lead imports: one row per uploaded file, one row per data row of it with its outcome.

create table baton_import (
    id          varchar(36)  primary key,
    format      varchar(10)  not null,
    -- QUEUED, RUNNING, DONE, FAILED
    status      varchar(20)  not null,
    total_rows  integer      not null,
    rows_read   integer      not null default 0,
    created     integer      not null default 0,
    duplicates  integer      not null default 0,
    rejected    integer      not null default 0,
    created_by  varchar(64)  not null,
    created_at  timestamp with time zone not null,
    -- written with every batch: a RUNNING import whose heartbeat stops was interrupted
    updated_at  timestamp with time zone not null,
    finished_at timestamp with time zone,
    failure     varchar(2000)
);

create table baton_import_row (
    import_id   varchar(36)  not null references baton_import (id),
    -- line of the file where the row starts (the CSV header is line 1)
    line        integer      not null,
    -- CREATED, DUPLICATE, REJECTED
    outcome     varchar(10)  not null,
    lead_id     varchar(36),
    external_id varchar(200),
    -- JSON array of {field, message}, only for rejected rows
    reasons     varchar(4000),
    primary key (import_id, line)
);
create index baton_import_row_outcome on baton_import_row (import_id, outcome, line);
