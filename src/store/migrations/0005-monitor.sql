-- Monitoring: agreements (zones, obligations) and the registry of protected sites.

-- An agreement as filed (`harmwatch agreement add`): the validated file is kept whole in
-- `document` so it can be shown and re-exported exactly; zones and obligations are
-- broken out for queries.
create table agreements (
  id text primary key,
  name text not null,
  parties text[] not null,
  signed date not null,
  effective date not null,
  ends date,
  summary text,
  approximate boolean not null default false,
  document jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Zones are stored resolved (bands already computed) so the violation query is one
-- ST_Intersects against an indexed geometry.
create table agreement_zones (
  agreement_id text not null references agreements(id) on delete cascade,
  zone_id text not null,
  name text not null,
  effective date not null,
  approximate boolean not null default false,
  construction text not null,                -- how the geometry was obtained: 'polygon', 'band-line', 'band-perimeter'
  geom geometry(MultiPolygon, 4326) not null,
  primary key (agreement_id, zone_id)
);
create index agreement_zones_geom_idx on agreement_zones using gist (geom);

create table agreement_obligations (
  agreement_id text not null references agreements(id) on delete cascade,
  obligation_id text not null,
  seq integer not null,
  text text not null,
  deadline date,
  status text check (status in ('pending', 'met', 'missed', 'unknown')),
  evidence text,
  primary key (agreement_id, obligation_id)
);

-- Protected sites: places that international humanitarian law singles out, attacked or not.
create table protected_sites (
  id text primary key,                       -- site_<16 hex>
  name text not null,
  norm_name text not null,                   -- normalised for matching: lower case, no diacritics or punctuation
  kind text not null check (kind in ('school', 'hospital_medical', 'civil_defence', 'market', 'bakery', 'mosque', 'idp_camp')),
  lat double precision,
  lon double precision,
  geom geometry(Point, 4326),
  admin1 text,
  origin text not null check (origin in ('manual', 'extracted')),
  source text,                               -- who says the site is there (organisation, dataset, URL)
  created_at timestamptz not null default now()
);
create index protected_sites_geom_idx on protected_sites using gist (geom);
create index protected_sites_kind_name_idx on protected_sites (kind, norm_name);

create table site_incidents (
  site_id text not null references protected_sites(id) on delete cascade,
  incident_id text not null references incidents(id) on delete cascade,
  linked_by text not null check (linked_by in ('name', 'distance', 'created', 'manual')),
  distance_m double precision,
  created_at timestamptz not null default now(),
  primary key (site_id, incident_id)
);
create index site_incidents_incident_idx on site_incidents (incident_id);
