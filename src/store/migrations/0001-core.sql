-- Core schema of Harmwatch: evidence (sources), claims (reports), resolved incidents,
-- the gazetteer (places), people (users, tokens) and the append-only audit log.
-- One dialect: PostgreSQL + PostGIS, the same on PGlite and on a server.
create extension if not exists postgis;
create extension if not exists pg_trgm;

-- Evidence: one row per distinct original (Berkeley Protocol: kept byte-for-byte, never modified).
create table sources (
  id text primary key,                       -- 'src_' + first 16 hex of sha256
  sha256 text not null unique,
  media_type text not null,                  -- text/plain, text/html, application/pdf, text/markdown, ...
  byte_size bigint not null,
  origin_kind text not null check (origin_kind in ('file', 'url', 'feed', 'import', 'api')),
  origin text not null,                      -- path as given, or URL
  url text,                                  -- canonical URL (front matter, feed link or fetched URL)
  http_status integer,
  http_headers jsonb,
  retrieved_at timestamptz not null,
  tool_version text not null,
  published date,                            -- publication date, null when unknown
  title text,
  outlet text,
  previous_version_id text references sources(id), -- same URL, earlier bytes
  meta jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index sources_url_idx on sources (url);
create index sources_published_idx on sources (published);

-- Text derived from an original: separate from the evidence, can be re-derived.
create table source_texts (
  source_id text primary key references sources(id) on delete cascade,
  text text not null,
  deriver text not null,                     -- 'plain', 'readability', 'pdfjs', 'markdown'
  truncated boolean not null default false,
  lang text,
  search tsvector generated always as (
    to_tsvector('simple', left(text, 200000)) || to_tsvector('english', left(text, 200000)) || to_tsvector('arabic', left(text, 200000))
  ) stored
);
create index source_texts_search_idx on source_texts using gin (search);

-- Feeds polled by `ingest --feed`: what has been seen, so each entry is ingested once.
create table feeds (
  url text primary key,
  etag text,
  last_modified text,
  last_polled_at timestamptz,
  last_status integer,
  last_error text
);
create table feed_items (
  feed_url text not null references feeds(url) on delete cascade,
  item_key text not null,                    -- guid, else link
  source_id text references sources(id),
  seen_at timestamptz not null default now(),
  primary key (feed_url, item_key)
);

-- Resolved incidents: many claims, one attack.
create table incidents (
  id text primary key,
  date date,
  date_end date,
  event_type text,
  sub_event_type text,
  perpetrator text,
  weapon text,
  weapons text[] not null default '{}',
  targets text[] not null default '{}',
  places jsonb not null default '[]'::jsonb, -- [{name, lat, lon, precision, admin1, place_id}]
  geom geometry(Point, 4326),
  precision smallint,
  admin1 text,
  admin2 text,
  killed_min integer, killed_max integer,
  injured_min integer, injured_max integer,
  children_killed_min integer, children_killed_max integer,
  grade text not null default 'weak' check (grade in ('confirmed', 'fair', 'weak', 'contested', 'discounted')),
  grade_reasons jsonb not null default '[]'::jsonb,
  grade_override boolean not null default false,
  reported_by text[] not null default '{}',
  independent_sources integer not null default 0,
  status text not null default 'unreviewed' check (status in ('unreviewed', 'reviewed', 'rejected')),
  sensitive jsonb not null default '{}'::jsonb, -- victims' names, reviewer notes, witness contact: never to viewers
  version integer not null default 1,        -- optimistic concurrency
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index incidents_geom_idx on incidents using gist (geom);
create index incidents_date_idx on incidents (date, date_end);

-- Reports: one source's claim about one event, as extracted, with evidence spans.
create table reports (
  id text primary key,                       -- rep_<source hex>_<seq>
  source_id text not null references sources(id),
  seq integer not null,
  extractor text not null,                   -- e.g. 'rules/1'
  event jsonb not null,                      -- the contract-shaped event incl. evidence spans
  date date,
  date_end date,
  event_type text,
  sub_event_type text,
  perpetrator text,
  weapon text,
  targets text[] not null default '{}',
  killed_min integer, killed_max integer,
  injured_min integer, injured_max integer,
  geom geometry(Point, 4326),
  precision smallint,
  admin1 text,
  status text not null default 'unreviewed' check (status in ('unreviewed', 'accepted', 'corrected', 'rejected')),
  incident_id text references incidents(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (source_id, seq)
);
create index reports_geom_idx on reports using gist (geom);
create index reports_incident_idx on reports (incident_id);
create index reports_date_idx on reports (date);

-- Gazetteer: places from bundled and imported sources.
create table places (
  id text primary key,                       -- e.g. OCHA P-code, 'geonames:123', 'opensyria:sy-idlib'
  name text not null,
  name_ar text,
  alt_names text[] not null default '{}',
  admin1 text, admin2 text, admin3 text,
  pcode text,
  feature text not null,                     -- community, city, governorate, district, subdistrict, crossing, ...
  source text not null,
  lat double precision not null,
  lon double precision not null,
  geom geometry(Point, 4326) not null,
  population integer
);
create index places_geom_idx on places using gist (geom);
create index places_name_trgm_idx on places using gin (name gin_trgm_ops);

-- People and access.
create table users (
  id text primary key,
  name text not null unique,
  role text not null check (role in ('admin', 'editor', 'analyst', 'viewer')),
  password_hash text,                        -- scrypt, null for token-only users
  created_at timestamptz not null default now()
);
create table api_tokens (
  token_hash text primary key,               -- sha256 of the token; the token itself is never stored
  user_id text not null references users(id) on delete cascade,
  label text,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);

-- Append-only audit log, hash-chained: hash = sha256(prev_hash || canonical entry).
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor text not null,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  reason text,
  prev_hash text not null,
  hash text not null
);
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op;
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
