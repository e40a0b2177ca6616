-- API: browser sessions (the cookie holds a random id; only its sha256 is stored).
create table sessions (
  id_hash text primary key,
  user_id text not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

-- The map's question, "incidents in this box during this period", answered by one index
-- over period and place together (GiST, no extension needed). The period comes first: GiST
-- splits pages on its first column, and a month is a far smaller share of the record than a
-- 1-degree box is of the country. An incident's period is [date, date_end]; greatest() keeps
-- the expression valid if date_end precedes date.
create index incidents_period_geom_idx on incidents
  using gist (daterange(date, greatest(date, coalesce(date_end, date)), '[]'), geom);
