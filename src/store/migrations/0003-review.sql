-- Review feature: the head of the audit chain, so that deleting the newest entries is
-- detected too (a chain alone cannot tell a truncated log from a short one).
create table audit_head (
  id smallint primary key check (id = 1),
  seq bigint not null,
  hash text not null
);
-- Reports are queued for review oldest first.
create index reports_status_idx on reports (status, id);
create index incidents_status_idx on incidents (status);
