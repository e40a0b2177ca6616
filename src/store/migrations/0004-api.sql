-- API: browser sessions (the cookie holds a random id; only its sha256 is stored), and the
-- keyset index the incident list pages on.
create table sessions (
  id_hash text primary key,
  user_id text not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index incidents_date_id_idx on incidents (date, id);
