/**
 * Incidents for exports and alerts, read through the one shared `listIncidents` so that an
 * export selects exactly what the incidents list shows for the same filter. Until the
 * resolution stage exposes `listIncidents` from `src/resolve/index.ts`, a local reading of
 * the same filter over the `incidents` table stands in.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import * as resolve from '../../resolve/index.ts'
import type { Database, IncidentRow } from '../../store/index.ts'
import type { IncidentFilter, IncidentPlace, IncidentView } from '../../domain/index.ts'

type Db = Kysely<Database>
type ListIncidents = (db: Db, filter: IncidentFilter) => Promise<{ items: IncidentView[]; next_cursor: string | null }>

// Looked up at run time: the shared reader lands in parallel with this module.
const shared = (resolve as unknown as { listIncidents?: ListIncidents }).listIncidents

/** Every incident matching `filter`, page by page (`limit` is the page size). */
export async function* incidentPages(db: Db, filter: IncidentFilter, pageSize = 500): AsyncGenerator<IncidentView[]> {
  const list = shared ?? listIncidentsLocal
  let cursor = filter.cursor
  for (;;) {
    const page = await list(db, { ...filter, limit: filter.limit ?? pageSize, ...(cursor ? { cursor } : {}) })
    if (page.items.length) yield page.items
    if (!page.next_cursor) return
    cursor = page.next_cursor
  }
}

/** All incidents matching `filter` in one array. */
export async function allIncidents(db: Db, filter: IncidentFilter): Promise<IncidentView[]> {
  const out: IncidentView[] = []
  for await (const page of incidentPages(db, filter)) out.push(...page)
  return out
}

/** The views of the given incidents (any order; missing ids are left out). */
export async function incidentViews(db: Db, ids: readonly string[]): Promise<IncidentView[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('incidents as i').selectAll('i').where('i.id', 'in', ids).execute()
  return toViews(db, rows)
}

type Row = IncidentRow

function parsed<T>(v: unknown, fallback: T): T {
  if (typeof v === 'string') {
    try { return JSON.parse(v) as T } catch { return fallback }
  }
  return (v ?? fallback) as T
}

async function toViews(db: Db, rows: Row[]): Promise<IncidentView[]> {
  const ids = rows.map((r) => r.id)
  const reports = ids.length
    ? await db.selectFrom('reports').select(['id', 'source_id', 'incident_id']).where('incident_id', 'in', ids)
      .where('status', '<>', 'rejected').orderBy('id').execute()
    : []
  return rows.map((r) => {
    const mine = reports.filter((x) => x.incident_id === r.id)
    return {
      id: r.id,
      date: r.date,
      date_end: r.date_end,
      event_type: r.event_type,
      sub_event_type: r.sub_event_type,
      places: parsed<IncidentPlace[]>(r.places, []),
      perpetrator: r.perpetrator as IncidentView['perpetrator'],
      weapon: r.weapon as IncidentView['weapon'],
      weapons: r.weapons as IncidentView['weapons'],
      targets: r.targets as IncidentView['targets'],
      killed: { min: r.killed_min, max: r.killed_max },
      injured: { min: r.injured_min, max: r.injured_max },
      children_killed: { min: r.children_killed_min, max: r.children_killed_max },
      grade: r.grade as IncidentView['grade'],
      grade_reasons: parsed<string[]>(r.grade_reasons, []),
      reported_by: r.reported_by,
      independent_sources: r.independent_sources,
      source_ids: [...new Set(mine.map((x) => x.source_id))].sort(),
      report_ids: mine.map((x) => x.id),
      admin1: r.admin1,
      admin2: r.admin2,
      status: r.status,
      version: r.version,
    }
  })
}

function conditions(f: IncidentFilter): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = []
  if (f.from) w.push(sql`coalesce(i.date_end, i.date) >= ${f.from}::date`)
  if (f.to) w.push(sql`i.date <= ${f.to}::date`)
  if (f.bbox) {
    const [west, south, east, north] = f.bbox
    w.push(sql`i.geom && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`)
  }
  if (f.polygon) w.push(sql`ST_Intersects(i.geom, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(f.polygon)}), 4326))`)
  if (f.area) w.push(sql`(lower(i.admin1) = lower(${f.area}) or lower(i.admin2) = lower(${f.area}))`)
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

/** The stand-in reader: same filter, keyset pages on (date, id). */
async function listIncidentsLocal(db: Db, f: IncidentFilter): Promise<{ items: IncidentView[]; next_cursor: string | null }> {
  const limit = f.limit ?? 100
  const w = conditions(f)
  if (f.cursor) {
    const [d, id] = JSON.parse(Buffer.from(f.cursor, 'base64url').toString('utf8')) as [string, string]
    w.push(sql`(coalesce(i.date, '9999-12-31'::date), i.id) > (${d}::date, ${id})`)
  }
  const where = w.length ? sql`where ${sql.join(w, sql` and `)}` : sql``
  const { rows } = await sql<{ id: string; d: string }>`select i.id, coalesce(i.date, '9999-12-31'::date)::text as d from incidents i ${where}
    order by coalesce(i.date, '9999-12-31'::date), i.id limit ${limit + 1}`.execute(db)
  const page = rows.slice(0, limit)
  const byId = new Map((await incidentViews(db, page.map((r) => r.id))).map((v) => [v.id, v]))
  const items = page.flatMap((r) => byId.get(r.id) ?? [])
  const last = page[page.length - 1]
  return { items, next_cursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.d, last.id])).toString('base64url') : null }
}
