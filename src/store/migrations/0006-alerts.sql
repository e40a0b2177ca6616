-- Alerts (saved rules, an outbox of webhook deliveries, every attempt logged) and the
-- record of imported dataset rows (so that importing a file twice adds nothing).

create table alert_rules (
  id text primary key,                         -- 'alr_' + 16 hex
  name text not null unique,
  webhook_url text not null check (webhook_url ~* '^https?://'),
  secret text not null,                        -- HMAC key: needed in clear to sign, never returned by the API
  area_name text,                              -- admin area as given ('Idlib', 'Ariha')
  area_keys text[] not null default '{}',      -- spelling-tolerant keys of the area and its gazetteer aliases (resolve/area-key.ts)
  area_geom geometry(Geometry, 4326),          -- or a GeoJSON (Multi)Polygon
  date_from date,
  date_to date,
  perpetrators text[] not null default '{}',
  weapons text[] not null default '{}',
  targets text[] not null default '{}',
  min_killed integer check (min_killed is null or min_killed >= 0),
  enabled boolean not null default true,
  created_by text,
  created_at timestamptz not null default now(),
  check (date_from is null or date_to is null or date_from <= date_to)
);
create index alert_rules_area_idx on alert_rules using gist (area_geom);

-- The outbox: one row per (rule, incident state) that matched. The body is fixed when the
-- alert fires so that every retry sends the same bytes with the same signature.
create table alert_deliveries (
  id text primary key,                         -- 'dlv_' + 16 hex; sent as X-Harmwatch-Delivery
  rule_id text not null references alert_rules(id) on delete cascade,
  incident_id text not null,
  state_key text not null,                     -- digest of the incident's reports: a new report is a new alert
  trigger text not null check (trigger in ('incident', 'report')),
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  unique (rule_id, incident_id, state_key)
);
create index alert_deliveries_due_idx on alert_deliveries (next_attempt_at) where status = 'pending';

create table alert_attempts (
  delivery_id text not null references alert_deliveries(id) on delete cascade,
  attempt integer not null,
  at timestamptz not null,
  url text not null,
  http_status integer,
  outcome text not null check (outcome in ('delivered', 'retry', 'failed')),
  error text,
  duration_ms integer not null,
  primary key (delivery_id, attempt)
);

-- One row per imported dataset record: re-importing the same record is a no-op.
create table import_records (
  dataset text not null,                       -- 'acled', 'ucdp', 'airwars', 'geojson'
  external_id text not null,                   -- the dataset's own id (event_id_cnty, id, incident_code, feature id)
  incident_id text not null references incidents(id) on delete cascade,
  report_id text not null,
  source_id text not null references sources(id),
  line integer not null,
  imported_at timestamptz not null default now(),
  primary key (dataset, external_id)
);
create index import_records_incident_idx on import_records (incident_id);
