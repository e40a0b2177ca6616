/**
 * Reading incidents for the API: the shared `IncidentFilter` applied in SQL (so the list,
 * the map, the stats and the exports select exactly the same incidents), keyset pages, and
 * one incident with its claims, sources and evidence spans. Sensitive fields (named victims,
 * reviewer notes, witness contact) are dropped here for callers who may not see them, so no
 * output format can leak them.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../store/index.ts'
import type { IncidentFilter, IncidentView } from '../domain/index.ts'
import { HttpError } from './deps.ts'

export type IncidentListItem = IncidentView & { lat: number | null; lon: number | null; precision: number | null }

export interface IncidentPage {
  items: IncidentListItem[]
  next_cursor: string | null
}

const DEFAULT_LIMIT = 100

interface Cursor { d: string | null; id: string }

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.d, c.id])).toString('base64url')
}

function decodeCursor(s: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 2 && (v[0] === null || (typeof v[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v[0]))) && typeof v[1] === 'string' && v[1].length <= 100) {
      return { d: v[0] as string | null, id: v[1] }
    }
  } catch { /* reported below */ }
  throw new HttpError(400, 'invalid_cursor', 'Invalid cursor: pass back the next_cursor of a previous page unchanged')
}

/** The WHERE conditions of a filter, on the `incidents` table aliased `i`. Cursor and limit are not conditions. */
export function filterConditions(f: IncidentFilter): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = []
  // An incident spanning days matches a period when the two overlap.
  if (f.from) w.push(sql`coalesce(i.date_end, i.date) >= ${f.from}::date`)
  if (f.to) w.push(sql`i.date <= ${f.to}::date`)
  if (f.bbox) {
    const [west, south, east, north] = f.bbox
    w.push(sql`i.geom && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`)
  }
  if (f.polygon) w.push(sql`ST_Intersects(i.geom, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(f.polygon)}), 4326))`)
  if (f.area) {
    const a = f.area
    w.push(sql`(lower(i.admin1) = lower(${a}) or lower(i.admin2) = lower(${a}) or exists (
      select 1 from places p where (lower(p.name) = lower(${a}) or p.name_ar = ${a} or ${a} = any(p.alt_names))
        and lower(p.name) in (lower(i.admin1), lower(i.admin2))))`)
  }
  if (f.perpetrator?.length) w.push(sql`i.perpetrator = any(${f.perpetrator}::text[])`)
  if (f.weapon?.length) w.push(sql`(i.weapon = any(${f.weapon}::text[]) or i.weapons && ${f.weapon}::text[])`)
  if (f.target?.length) w.push(sql`i.targets && ${f.target}::text[]`)
  if (f.grade?.length) w.push(sql`i.grade = any(${f.grade}::text[])`)
  if (f.q) {
    w.push(sql`exists (select 1 from reports r join source_texts st on st.source_id = r.source_id
      where r.incident_id = i.id and st.search @@ websearch_to_tsquery('simple', ${f.q}))`)
  }
  return w
}

export function whereClause(f: IncidentFilter): RawBuilder<unknown> {
  const w = filterConditions(f)
  return w.length ? sql`where ${sql.join(w, sql` and `)}` : sql``
}

interface IncidentRow {
  id: string; date: string | null; date_end: string | null; event_type: string | null; sub_event_type: string | null
  perpetrator: string | null; weapon: string | null; weapons: string[]; targets: string[]; places: unknown
  lat: number | null; lon: number | null; precision: number | null; admin1: string | null; admin2: string | null
  killed_min: number | null; killed_max: number | null; injured_min: number | null; injured_max: number | null
  children_killed_min: number | null; children_killed_max: number | null
  grade: string; grade_reasons: unknown; reported_by: string[]; independent_sources: number; status: string; version: number
  source_ids: string[] | null; report_ids: string[] | null
}

const SELECT = sql`select i.id, i.date, i.date_end, i.event_type, i.sub_event_type, i.perpetrator, i.weapon, i.weapons, i.targets,
  i.places, ST_Y(i.geom) as lat, ST_X(i.geom) as lon, i.precision, i.admin1, i.admin2,
  i.killed_min, i.killed_max, i.injured_min, i.injured_max, i.children_killed_min, i.children_killed_max,
  i.grade, i.grade_reasons, i.reported_by, i.independent_sources, i.status, i.version,
  (select array_agg(distinct r.source_id) from reports r where r.incident_id = i.id) as source_ids,
  (select array_agg(r.id order by r.id) from reports r where r.incident_id = i.id) as report_ids
  from incidents i`

function json<T>(v: unknown, fallback: T): T {
  if (typeof v === 'string') {
    try { return JSON.parse(v) as T } catch { return fallback }
  }
  return (v ?? fallback) as T
}

function toView(r: IncidentRow): IncidentListItem {
  const places = json<IncidentView['places']>(r.places, [])
  return {
    id: r.id,
    date: r.date,
    date_end: r.date_end,
    event_type: r.event_type,
    sub_event_type: r.sub_event_type,
    places,
    perpetrator: r.perpetrator as IncidentView['perpetrator'],
    weapon: r.weapon as IncidentView['weapon'],
    weapons: (r.weapons ?? []) as IncidentView['weapons'],
    targets: (r.targets ?? []) as IncidentView['targets'],
    killed: { min: r.killed_min, max: r.killed_max },
    injured: { min: r.injured_min, max: r.injured_max },
    children_killed: { min: r.children_killed_min, max: r.children_killed_max },
    grade: r.grade as IncidentView['grade'],
    grade_reasons: json<string[]>(r.grade_reasons, []),
    reported_by: r.reported_by ?? [],
    independent_sources: r.independent_sources,
    source_ids: r.source_ids ?? [],
    report_ids: r.report_ids ?? [],
    admin1: r.admin1,
    admin2: r.admin2,
    status: r.status,
    version: r.version,
    lat: r.lat,
    lon: r.lon,
    precision: r.precision,
  }
}

/** One page of incidents matching the filter, in (date, id) order; dateless incidents last. */
export async function listIncidents(db: Kysely<Database>, f: IncidentFilter, defaultLimit = DEFAULT_LIMIT): Promise<IncidentPage> {
  const limit = f.limit ?? defaultLimit
  const conds = filterConditions(f)
  if (f.cursor) {
    const c = decodeCursor(f.cursor)
    conds.push(c.d === null
      ? sql`(i.date is null and i.id > ${c.id})`
      : sql`(i.date > ${c.d}::date or (i.date = ${c.d}::date and i.id > ${c.id}) or i.date is null)`)
  }
  const where = conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``
  const { rows } = await sql<IncidentRow>`${SELECT} ${where} order by i.date asc nulls last, i.id asc limit ${limit + 1}`.execute(db)
  const more = rows.length > limit
  const items = rows.slice(0, limit).map(toView)
  const last = items[items.length - 1]
  await addArabicNames(db, items)
  return { items, next_cursor: more && last ? encodeCursor({ d: last.date, id: last.id }) : null }
}

/** Every incident matching the filter (exports, stats), up to `max`. */
export async function allIncidents(db: Kysely<Database>, f: IncidentFilter, max = 100_000): Promise<IncidentListItem[]> {
  const out: IncidentListItem[] = []
  let cursor = f.cursor
  for (;;) {
    const page = await listIncidents(db, { ...f, ...(cursor ? { cursor } : {}), limit: Math.min(5000, max - out.length) })
    out.push(...page.items)
    if (!page.next_cursor || out.length >= max) return out
    cursor = page.next_cursor
  }
}

/** Arabic names of gazetteer places beside the English ones (`name_ar` on each place). */
async function addArabicNames(db: Kysely<Database>, items: IncidentView[]): Promise<void> {
  const ids = [...new Set(items.flatMap((i) => i.places.map((p) => p.place_id).filter((x): x is string => typeof x === 'string')))]
  if (!ids.length) return
  const rows = await db.selectFrom('places').select(['id', 'name_ar']).where('id', 'in', ids).execute()
  const ar = new Map(rows.map((r) => [r.id, r.name_ar]))
  for (const i of items) for (const p of i.places) if (p.place_id && ar.get(p.place_id)) (p as { name_ar?: string | null }).name_ar = ar.get(p.place_id) ?? null
}

export interface SourceInfo {
  id: string; sha256: string; media_type: string; byte_size: number; url: string | null; title: string | null
  outlet: string | null; published: string | null; retrieved_at: string; origin_kind: string
}

export interface ReportDetail {
  id: string; source_id: string; seq: number; status: string; version: number; extractor: string
  event: Record<string, unknown>
  evidence: { field: string; start: number; end: number }[]
}

export interface IncidentDetail {
  incident: IncidentListItem
  /** only for analysts and above */
  sensitive?: Record<string, unknown>
  reports: ReportDetail[]
  sources: (SourceInfo & { text: string | null })[]
}

const SENSITIVE_EVENT_KEYS = ['victims', 'witness', 'witnesses', 'witness_contact', 'contact', 'notes', 'reviewer_notes']

/** Names a viewer must not read: named victims of the claims and of the incident's sensitive record. */
function namesToWithhold(reports: ReportDetail[], sensitive: Record<string, unknown>): string[] {
  const names = new Set<string>()
  const add = (v: unknown): void => {
    if (typeof v === 'string' && v.trim().length >= 3) names.add(v.trim())
    else if (Array.isArray(v)) v.forEach(add)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if ('name' in o) add(o.name)
      if ('name_ar' in o) add(o.name_ar)
    }
  }
  for (const r of reports) add(r.event.victims)
  add(sensitive.victims)
  return [...names].sort((a, b) => b.length - a.length)
}

/** Masks each withheld name character for character, so evidence spans still line up. */
export function maskNames(text: string, names: readonly string[]): string {
  let out = text
  for (const n of names) {
    const re = new RegExp(n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu')
    out = out.replace(re, (m) => '█'.repeat(m.length))
  }
  return out
}

/** One incident with its claims, their evidence spans and their sources' text; null when absent. */
export async function getIncident(db: Kysely<Database>, id: string, opts: { sensitive: boolean }): Promise<IncidentDetail | null> {
  const { rows } = await sql<IncidentRow & { sensitive: unknown }>`${SELECT} where i.id = ${id}`.execute(db)
  const row = rows[0]
  if (!row) return null
  const incident = toView(row)
  await addArabicNames(db, [incident])
  const reportRows = await db.selectFrom('reports').select(['id', 'source_id', 'seq', 'status', 'version', 'extractor', 'event'])
    .where('incident_id', '=', id).orderBy('id').execute()
  const sensitiveRow = await db.selectFrom('incidents').select('sensitive').where('id', '=', id).executeTakeFirst()
  const sensitive = json<Record<string, unknown>>(sensitiveRow?.sensitive, {})
  const reports: ReportDetail[] = reportRows.map((r) => {
    const event = json<Record<string, unknown>>(r.event, {})
    const evidence = Array.isArray(event.evidence) ? (event.evidence as ReportDetail['evidence']) : []
    return { id: r.id, source_id: r.source_id, seq: r.seq, status: r.status, version: r.version, extractor: r.extractor, event, evidence }
  })
  const sourceIds = [...new Set(reports.map((r) => r.source_id))]
  const sources = sourceIds.length
    ? await db.selectFrom('sources').leftJoin('source_texts', 'source_texts.source_id', 'sources.id')
      .select(['sources.id', 'sha256', 'media_type', 'byte_size', 'url', 'title', 'outlet', 'published', 'retrieved_at', 'origin_kind', 'source_texts.text'])
      .where('sources.id', 'in', sourceIds).orderBy('published').orderBy('sources.id').execute()
    : []
  const detail: IncidentDetail = { incident, reports, sources: sources.map((s) => ({ ...s, text: s.text ?? null })) }
  if (opts.sensitive) {
    detail.sensitive = sensitive
    return detail
  }
  const withheld = namesToWithhold(reports, sensitive)
  for (const r of reports) for (const k of SENSITIVE_EVENT_KEYS) delete r.event[k]
  for (const s of detail.sources) if (s.text) s.text = maskNames(s.text, withheld)
  return detail
}
