/**
 * Reading incidents: the one implementation of `IncidentFilter` that the CLI, the API,
 * the exports and the brief share, with keyset pagination on (date desc, id desc), and
 * the detail of one incident with its reports. Every filter field is applied in SQL.
 */
import { sql, type Kysely, type SqlBool, type ExpressionBuilder } from 'kysely'
import type { Database, IncidentRow } from '../store/index.ts'
import type { IncidentFilter, IncidentView, Range, IncidentPlace } from '../domain/index.ts'
import { areaKey, areaKeySql } from './area-key.ts'

type Db = Kysely<Database>

/** One report (claim) as shown under its incident. `event.victims` is sensitive: see `redactForViewer`. */
export interface ReportView {
  id: string
  source_id: string
  seq: number
  extractor: string
  /** the contract-shaped event with its evidence spans, as extracted (or corrected by a reviewer) */
  event: Record<string, unknown>
  status: string
  version: number
  incident_id: string | null
  source: { outlet: string | null; title: string | null; url: string | null; published: string | null }
}

/**
 * An incident with its reports. `sensitive` (victims' names, reviewer notes, witness
 * contacts) is present only for analysts and above: viewers get `redactForViewer(detail)`.
 */
export type IncidentDetail = IncidentView & { reports: ReportView[]; sensitive?: Record<string, unknown> }

const range = (min: number | null, max: number | null): Range => ({ min, max })

/** The public view of an incident row; `report_ids` and `source_ids` come from its reports. */
export function toIncidentView(row: IncidentRow, reportIds: string[], sourceIds: string[]): IncidentView {
  const places = (typeof row.places === 'string' ? JSON.parse(row.places) : row.places) as IncidentPlace[]
  const reasons = (typeof row.grade_reasons === 'string' ? JSON.parse(row.grade_reasons) : row.grade_reasons) as string[]
  return {
    id: row.id,
    date: row.date,
    date_end: row.date_end,
    event_type: row.event_type,
    sub_event_type: row.sub_event_type,
    places: places.map((p) => ({ name: p.name, lat: p.lat, lon: p.lon, precision: p.precision, admin1: p.admin1 ?? null, place_id: p.place_id ?? null })),
    perpetrator: row.perpetrator as IncidentView['perpetrator'],
    weapon: row.weapon as IncidentView['weapon'],
    weapons: row.weapons as IncidentView['weapons'],
    targets: row.targets as IncidentView['targets'],
    killed: range(row.killed_min, row.killed_max),
    injured: range(row.injured_min, row.injured_max),
    children_killed: range(row.children_killed_min, row.children_killed_max),
    grade: row.grade as IncidentView['grade'],
    grade_reasons: reasons,
    reported_by: row.reported_by,
    independent_sources: row.independent_sources,
    source_ids: sourceIds,
    report_ids: reportIds,
    admin1: row.admin1,
    admin2: row.admin2,
    status: row.status,
    version: row.version,
  }
}

/** Opaque cursor: the (date, id) of the last item of the previous page. */
function encodeCursor(date: string | null, id: string): string {
  return Buffer.from(JSON.stringify([date ?? NULL_DATE, id])).toString('base64url')
}
function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && v[1].length <= 100 && /^\d{4}-\d{2}-\d{2}$/.test(v[0])) return [v[0], v[1]]
  } catch { /* fall through */ }
  return undefined
}
// Undated incidents sort last: they compare as the earliest possible date.
const NULL_DATE = '0001-01-01'

/** Thrown for a cursor that this function did not hand out (the API maps it to 400). */
export class BadCursorError extends RangeError {
  override name = 'BadCursorError'
}

/** Where-clause of `filter` over `incidents as i` (no paging): shared by list, count and exports. */
export function incidentFilterWhere(filter: IncidentFilter) {
  return (eb: ExpressionBuilder<Database & { i: Database['incidents'] }, 'i'>) => {
    // An incident whose every report a reviewer rejected is kept for the record, never listed.
    const c: ReturnType<typeof sql<SqlBool>>[] = [sql<SqlBool>`i.status <> 'rejected'`]
    if (filter.from && filter.to && filter.from > filter.to) {
      // An empty window selects nothing (daterange() would refuse it with an error).
      c.push(sql<SqlBool>`false`)
    } else if (filter.from || filter.to) {
      // An incident matches a period when its [date, date_end] overlaps it. Written as the
      // expression of `incidents_period_geom_idx` (migration 0004) so that one GiST scan answers
      // the period together with the box; greatest() copes with a date_end before date. An
      // undated incident's range would be unbounded, so it is left out explicitly.
      c.push(sql<SqlBool>`i.date is not null and daterange(i.date, greatest(i.date, coalesce(i.date_end, i.date)), '[]') && daterange(${filter.from ?? null}::date, ${filter.to ?? null}::date, '[]')`)
    }
    if (filter.bbox) {
      const [w, s, e, n] = filter.bbox
      c.push(sql<SqlBool>`i.geom && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`)
    }
    if (filter.polygon) c.push(sql<SqlBool>`ST_Intersects(i.geom, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(filter.polygon)}), 4326))`)
    if (filter.area) {
      const key = areaKey(filter.area)
      if (key === '') {
        const lower = filter.area.trim().toLowerCase()
        c.push(sql<SqlBool>`(lower(i.admin1) = ${lower} or lower(i.admin2) = ${lower})`)
      } else {
        c.push(sql<SqlBool>`(${areaKeySql(sql.ref('i.admin1'))} = ${key} or ${areaKeySql(sql.ref('i.admin2'))} = ${key})`)
      }
    }
    if (filter.perpetrator?.length) c.push(sql<SqlBool>`i.perpetrator in (${sql.join(filter.perpetrator)})`)
    if (filter.weapon?.length) c.push(sql<SqlBool>`(i.weapon in (${sql.join(filter.weapon)}) or i.weapons && ${sql.val(filter.weapon)}::text[])`)
    if (filter.target?.length) c.push(sql<SqlBool>`i.targets && ${sql.val(filter.target)}::text[]`)
    if (filter.grade?.length) c.push(sql<SqlBool>`i.grade in (${sql.join(filter.grade)})`)
    if (filter.q) {
      c.push(sql<SqlBool>`exists (select 1 from reports r join source_texts st on st.source_id = r.source_id
        where r.incident_id = i.id and r.status <> 'rejected'
          and (st.search @@ websearch_to_tsquery('simple', ${filter.q}) or st.search @@ websearch_to_tsquery('english', ${filter.q})))`)
    }
    return eb.and(c)
  }
}

/** Report and source ids of each incident, in id order; rejected reports are left out. */
export async function membersOf(db: Db, ids: readonly string[]): Promise<Map<string, { report_ids: string[]; source_ids: string[] }>> {
  const out = new Map<string, { report_ids: string[]; source_ids: string[] }>()
  for (const id of ids) out.set(id, { report_ids: [], source_ids: [] })
  if (ids.length === 0) return out
  const rows = await db.selectFrom('reports').select(['id', 'source_id', 'incident_id'])
    .where('incident_id', 'in', ids).where('status', '<>', 'rejected').orderBy('id').execute()
  for (const r of rows) {
    const m = out.get(r.incident_id!)!
    m.report_ids.push(r.id)
    if (!m.source_ids.includes(r.source_id)) m.source_ids.push(r.source_id)
  }
  for (const m of out.values()) m.source_ids.sort()
  return out
}

/** An incident's representative point and its precision, for maps (`listIncidents(db, f, { points: true })`). */
export interface IncidentPoint { lat: number | null; lon: number | null; precision: number | null }

export interface IncidentPage<T extends IncidentView = IncidentView> { items: T[]; next_cursor: string | null }

/**
 * The incidents matching `filter`, newest first, one page at a time. With `points`, each item
 * also carries its point (`lat`, `lon`) and `precision`, read in the same query.
 * @example
 * const page = await listIncidents(db, { from: '2018-09-01', area: 'Idleb', limit: 50 })
 * const next = page.next_cursor ? await listIncidents(db, { ...filter, cursor: page.next_cursor }) : undefined
 */
// The plain form is declared last: ReturnType<typeof listIncidents> names it.
export function listIncidents(db: Db, filter: IncidentFilter, opts: { points: true }): Promise<IncidentPage<IncidentView & IncidentPoint>>
export function listIncidents(db: Db, filter: IncidentFilter): Promise<IncidentPage>
export async function listIncidents(db: Db, filter: IncidentFilter, opts: { points?: boolean } = {}): Promise<IncidentPage<IncidentView> | IncidentPage<IncidentView & IncidentPoint>> {
  const limit = filter.limit ?? 100
  let q = db.selectFrom('incidents as i').selectAll('i')
    .select([sql<number | null>`ST_Y(i.geom)`.as('lat'), sql<number | null>`ST_X(i.geom)`.as('lon')])
    .where(incidentFilterWhere(filter))
  if (filter.cursor) {
    const c = decodeCursor(filter.cursor)
    if (!c) throw new BadCursorError(`Cannot list incidents: cursor "${filter.cursor.slice(0, 40)}" is not one this server handed out`)
    q = q.where(sql<SqlBool>`(coalesce(i.date, ${NULL_DATE}::date), i.id) < (${c[0]}::date, ${c[1]})`)
  }
  const rows = await q.orderBy(sql`coalesce(i.date, ${NULL_DATE}::date)`, 'desc').orderBy('i.id', 'desc').limit(limit + 1).execute()
  const page = rows.slice(0, limit)
  const members = await membersOf(db, page.map((r) => r.id))
  const last = page[page.length - 1]
  const next_cursor = rows.length > limit && last ? encodeCursor(last.date, last.id) : null
  const views = page.map((r) => { const m = members.get(r.id)!; return toIncidentView(r, m.report_ids, m.source_ids) })
  if (!opts.points) return { items: views, next_cursor }
  return { items: views.map((v, k) => { const r = page[k]!; return { ...v, lat: r.lat, lon: r.lon, precision: r.precision } }), next_cursor }
}

/** One incident with its reports (rejected ones included, marked), or undefined. Includes sensitive fields. */
export async function getIncident(db: Db, id: string): Promise<IncidentDetail | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const reports = await db.selectFrom('reports as r').innerJoin('sources as s', 's.id', 'r.source_id')
    .select(['r.id', 'r.source_id', 'r.seq', 'r.extractor', 'r.event', 'r.status', 'r.version', 'r.incident_id', 's.outlet', 's.title', 's.url', 's.published'])
    .where('r.incident_id', '=', id).orderBy('r.id').execute()
  const live = reports.filter((r) => r.status !== 'rejected')
  const view = toIncidentView(row, live.map((r) => r.id), [...new Set(live.map((r) => r.source_id))].sort())
  const sensitive = (typeof row.sensitive === 'string' ? JSON.parse(row.sensitive) : row.sensitive) as Record<string, unknown>
  return {
    ...view,
    sensitive,
    reports: reports.map((r) => ({
      id: r.id, source_id: r.source_id, seq: r.seq, extractor: r.extractor,
      event: (typeof r.event === 'string' ? JSON.parse(r.event) : r.event) as Record<string, unknown>,
      status: r.status, version: r.version, incident_id: r.incident_id,
      source: { outlet: r.outlet, title: r.title, url: r.url, published: r.published },
    })),
  }
}

/**
 * Fields a viewer (or an anonymous visitor) must never receive:
 * - `sensitive` on the incident (victims' names, reviewer notes, witness contacts),
 * - `event.victims` on every report (names of the dead and injured),
 * - `event.details.notes` / `event.notes` (reviewer notes written into a corrected event).
 * Returns a copy; the input is untouched.
 */
export const SENSITIVE_FIELDS = ['incident.sensitive', 'report.event.victims', 'report.event.notes', 'report.event.details.notes'] as const

export function redactForViewer<T extends IncidentView & { reports?: ReportView[]; sensitive?: Record<string, unknown> }>(incident: T): Omit<T, 'sensitive'> {
  const { sensitive: _drop, ...rest } = incident
  if (!rest.reports) return rest
  return {
    ...rest,
    reports: rest.reports.map((r) => {
      const { victims: _v, notes: _n, ...event } = r.event
      if (event.details && typeof event.details === 'object') {
        const { notes: _dn, ...details } = event.details as Record<string, unknown>
        event.details = details
      }
      return { ...r, event }
    }),
  }
}
