import { sql, type Kysely } from 'kysely'
import { err, ok, type Range, type Result } from '../../domain/index.ts'
import type { Database } from '../../store/index.ts'
import { getAgreement, today, type AgreementSummary } from './agreement-repository.ts'
import { sumRanges } from './sum-ranges.ts'

export interface ViolationIncident {
  id: string
  date: string
  date_end: string | null
  perpetrator: string | null
  weapon: string | null
  targets: string[]
  place: string | null
  lat: number
  lon: number
  precision: number | null
  killed: Range
  injured: Range
  grade: string
  /** the zones the incident lies in */
  zone_ids: string[]
}

export interface ViolationGroup {
  incidents: number
  killed: Range
  injured: Range
}

export interface ViolationsReport {
  agreement: Omit<AgreementSummary, 'sources'>
  period: { from: string | null; to: string | null }
  total: ViolationGroup
  by_perpetrator: (ViolationGroup & { perpetrator: string })[]
  /** ISO weeks, starting on Monday */
  by_week: (ViolationGroup & { week_start: string })[]
  incidents: ViolationIncident[]
  /** incidents located only to an admin area (precision 3): inside the zone by their centroid only */
  imprecise: number
}

export interface ViolationsOptions {
  /** judge deadlines on this day; @default today */
  asOf?: string
  /** only incidents from/to these dates (inclusive), within the zones' effective periods */
  from?: string
  to?: string
}

/**
 * Incidents inside an agreement's zones after the zone took effect (and before the agreement
 * ended): PostGIS `ST_Intersects` of the incident point with the zone's MultiPolygon, grouped by
 * perpetrator and by week. Rejected incidents and incidents without a date or a point are not
 * counted. An incident spanning days counts when any of its days falls after the zone took effect.
 */
export async function agreementViolations(db: Kysely<Database>, id: string, options: ViolationsOptions = {}): Promise<Result<ViolationsReport>> {
  const agreement = await getAgreement(db, id, options.asOf ? { asOf: options.asOf } : {})
  if (!agreement) return err(`Unknown agreement "${id}"`)
  const from = options.from ?? null
  const to = options.to ?? null
  const rows = await sql<{
    id: string; date: string; date_end: string | null; perpetrator: string | null; weapon: string | null; targets: string[]
    places: unknown; lat: number; lon: number; precision: number | null; grade: string
    killed_min: number | null; killed_max: number | null; injured_min: number | null; injured_max: number | null; zone_ids: string[]
  }>`
    select i.id, i.date, i.date_end, i.perpetrator, i.weapon, i.targets, i.places, ST_Y(i.geom) as lat, ST_X(i.geom) as lon,
           i.precision, i.grade, i.killed_min, i.killed_max, i.injured_min, i.injured_max,
           array_agg(z.zone_id order by z.zone_id) as zone_ids
    from incidents i
    join agreement_zones z on z.agreement_id = ${id} and ST_Intersects(i.geom, z.geom)
    join agreements a on a.id = z.agreement_id
    where i.status <> 'rejected' and i.date is not null
      and coalesce(i.date_end, i.date) >= z.effective
      and (a.ends is null or i.date <= a.ends)
      and (${from}::date is null or coalesce(i.date_end, i.date) >= ${from}::date)
      and (${to}::date is null or i.date <= ${to}::date)
    group by i.id
    order by i.date, i.id`.execute(db)
  const incidents: ViolationIncident[] = rows.rows.map((r) => {
    const places = (typeof r.places === 'string' ? JSON.parse(r.places) : r.places) as { name?: string }[]
    return {
      id: r.id, date: r.date, date_end: r.date_end, perpetrator: r.perpetrator, weapon: r.weapon, targets: r.targets,
      place: places[0]?.name ?? null, lat: r.lat, lon: r.lon, precision: r.precision, grade: r.grade,
      killed: { min: r.killed_min, max: r.killed_max }, injured: { min: r.injured_min, max: r.injured_max }, zone_ids: r.zone_ids,
    }
  })
  const group = (items: ViolationIncident[]): ViolationGroup => ({
    incidents: items.length, killed: sumRanges(items.map((i) => i.killed)), injured: sumRanges(items.map((i) => i.injured)),
  })
  const byKey = (key: (i: ViolationIncident) => string) => {
    const m = new Map<string, ViolationIncident[]>()
    for (const i of incidents) m.set(key(i), [...(m.get(key(i)) ?? []), i])
    return m
  }
  const by_perpetrator = [...byKey((i) => i.perpetrator ?? 'unknown')].map(([perpetrator, items]) => ({ perpetrator, ...group(items) }))
    .sort((a, b) => b.incidents - a.incidents || a.perpetrator.localeCompare(b.perpetrator))
  const by_week = [...byKey((i) => weekStart(i.date))].map(([week_start, items]) => ({ week_start, ...group(items) }))
    .sort((a, b) => a.week_start.localeCompare(b.week_start))
  const { sources: _sources, zone_geojson: _geo, ...summary } = agreement
  return ok({
    agreement: summary, period: { from, to }, total: group(incidents), by_perpetrator, by_week, incidents,
    imprecise: incidents.filter((i) => i.precision === 3).length,
  })
}

/** The Monday of the ISO week of a 'YYYY-MM-DD' date. */
export function weekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  const back = (d.getUTCDay() + 6) % 7
  d.setUTCDate(d.getUTCDate() - back)
  return d.toISOString().slice(0, 10)
}

export { today }
