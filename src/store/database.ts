/**
 * The typed view of the schema in `migrations/`: one interface maps each table to its row.
 * Geometry columns are written and read through PostGIS functions in SQL
 * (`ST_SetSRID(ST_MakePoint(lon, lat), 4326)`, `ST_AsGeoJSON(geom)`), never as raw values.
 */
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'
import type { ReviewTables } from './tables-review.ts'
import type { ApiTables } from './tables-api.ts'
import type { MonitorTables } from './tables-monitor.ts'
import type { AlertsTables } from './tables-alerts.ts'

/** JSON columns: written as JSON-serialisable values, read back parsed. */
export type Json<T = unknown> = ColumnType<T, T | string, T | string>
/** Geometry: opaque to TypeScript; use SQL helpers in `sql.ts`. */
export type Geometry = ColumnType<unknown, unknown, unknown>
/** `date` columns are read as 'YYYY-MM-DD' strings on both backends (see backends/). */
export type DateColumn = string
/** `timestamptz` columns are read as ISO strings on both backends. */
export type Timestamp = ColumnType<string, string | undefined, string>

export interface SourcesTable {
  id: string
  sha256: string
  media_type: string
  byte_size: number
  origin_kind: 'file' | 'url' | 'feed' | 'import' | 'api'
  origin: string
  url: string | null
  http_status: number | null
  http_headers: Json<Record<string, string>> | null
  retrieved_at: string
  tool_version: string
  published: DateColumn | null
  title: string | null
  outlet: string | null
  previous_version_id: string | null
  meta: Json<Record<string, unknown>>
  created_at: Timestamp
}

export interface SourceTextsTable {
  source_id: string
  text: string
  deriver: string
  truncated: ColumnType<boolean, boolean | undefined, boolean>
  lang: string | null
  search: ColumnType<unknown, never, never>
}

export interface FeedsTable {
  url: string
  etag: string | null
  last_modified: string | null
  last_polled_at: string | null
  last_status: number | null
  last_error: string | null
}

export interface FeedItemsTable {
  feed_url: string
  item_key: string
  source_id: string | null
  seen_at: Timestamp
}

interface Ranges {
  killed_min: number | null
  killed_max: number | null
  injured_min: number | null
  injured_max: number | null
}

export interface IncidentsTable extends Ranges {
  id: string
  date: DateColumn | null
  date_end: DateColumn | null
  event_type: string | null
  sub_event_type: string | null
  perpetrator: string | null
  weapon: string | null
  weapons: ColumnType<string[], string[] | undefined, string[]>
  targets: ColumnType<string[], string[] | undefined, string[]>
  places: Json<IncidentPlace[]>
  geom: Geometry
  precision: number | null
  admin1: string | null
  admin2: string | null
  children_killed_min: number | null
  children_killed_max: number | null
  grade: ColumnType<string, string | undefined, string>
  grade_reasons: Json<string[]>
  grade_override: ColumnType<boolean, boolean | undefined, boolean>
  reported_by: ColumnType<string[], string[] | undefined, string[]>
  independent_sources: ColumnType<number, number | undefined, number>
  status: ColumnType<string, string | undefined, string>
  sensitive: Json<Record<string, unknown>>
  version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface IncidentPlace {
  name: string
  lat: number | null
  lon: number | null
  precision: number
  admin1: string | null
  place_id?: string | null
}

export interface ReportsTable extends Ranges {
  id: string
  source_id: string
  seq: number
  extractor: string
  event: Json<Record<string, unknown>>
  date: DateColumn | null
  date_end: DateColumn | null
  event_type: string | null
  sub_event_type: string | null
  perpetrator: string | null
  weapon: string | null
  targets: ColumnType<string[], string[] | undefined, string[]>
  geom: Geometry
  precision: number | null
  admin1: string | null
  status: ColumnType<string, string | undefined, string>
  incident_id: string | null
  version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
}

export interface PlacesTable {
  id: string
  name: string
  name_ar: string | null
  alt_names: ColumnType<string[], string[] | undefined, string[]>
  admin1: string | null
  admin2: string | null
  admin3: string | null
  pcode: string | null
  feature: string
  source: string
  lat: number
  lon: number
  geom: Geometry
  population: number | null
}

export interface UsersTable {
  id: string
  name: string
  role: 'admin' | 'editor' | 'analyst' | 'viewer'
  password_hash: string | null
  created_at: Timestamp
}

export interface ApiTokensTable {
  token_hash: string
  user_id: string
  label: string | null
  created_at: Timestamp
  last_used_at: string | null
}

export interface AuditLogTable {
  seq: number
  at: string
  actor: string
  action: string
  entity_type: string
  entity_id: string
  before: Json | null
  after: Json | null
  reason: string | null
  prev_hash: string
  hash: string
}

export interface SchemaMigrationsTable {
  name: string
  applied_at: Timestamp
}

/**
 * Later migrations add tables (agreements, protected sites, alerts, sessions...): their
 * row types are declared beside the feature and merged here.
 */
export interface Database extends ReviewTables, ApiTables, MonitorTables, AlertsTables {
  sources: SourcesTable
  source_texts: SourceTextsTable
  feeds: FeedsTable
  feed_items: FeedItemsTable
  incidents: IncidentsTable
  reports: ReportsTable
  places: PlacesTable
  users: UsersTable
  api_tokens: ApiTokensTable
  audit_log: AuditLogTable
  schema_migrations: SchemaMigrationsTable
}

export type SourceRow = Selectable<SourcesTable>
export type NewSource = Insertable<SourcesTable>
export type ReportRow = Selectable<ReportsTable>
export type NewReport = Insertable<ReportsTable>
export type IncidentRow = Selectable<IncidentsTable>
export type NewIncident = Insertable<IncidentsTable>
export type IncidentUpdate = Updateable<IncidentsTable>
export type PlaceRow = Selectable<PlacesTable>
export type NewPlace = Insertable<PlacesTable>
