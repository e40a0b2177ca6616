import { sql, type Kysely } from 'kysely'
import type { IncidentFilter, Range } from '../../domain/index.ts'
import type { Database } from '../../store/index.ts'
import { incidentFilterWhere } from '../../resolve/index.ts'
import { SITE_KINDS, type SiteKind } from './site-kinds.ts'

export interface SiteAttack {
  incident_id: string
  date: string | null
  date_end: string | null
  perpetrator: string | null
  weapon: string | null
  killed: Range
  injured: Range
  grade: string
  reported_by: string[]
  linked_by: string
}

export interface SiteReportEntry {
  id: string
  name: string
  kind: SiteKind
  lat: number | null
  lon: number | null
  admin1: string | null
  attacks: SiteAttack[]
  /** incidents on record against this site, in any period */
  attacks_total: number
  /** struck more than once on record (repeat strikes are a pattern monitors look for) */
  repeat: boolean
}

export interface SiteReport {
  period: { from: string | null; to: string | null; area: string | null }
  /** distinct incidents that hit at least one protected site */
  incidents: number
  sites: SiteReportEntry[]
  by_kind: { kind: SiteKind; sites: number; attacks: number }[]
}

/**
 * Attacks on protected sites in a period and area (the incidents are selected with the shared
 * `IncidentFilter`, so the report agrees with the incident list and the map).
 */
export async function sitesReport(db: Kysely<Database>, filter: Pick<IncidentFilter, 'from' | 'to' | 'area' | 'bbox' | 'polygon'>): Promise<SiteReport> {
  const rows = await db.selectFrom('incidents as i')
    .innerJoin('site_incidents as si', 'si.incident_id', 'i.id')
    .innerJoin('protected_sites as s', 's.id', 'si.site_id')
    .where(incidentFilterWhere(filter))
    .where('i.status', '<>', 'rejected')
    .select([
      's.id as site_id', 's.name', 's.kind', 's.lat', 's.lon', 's.admin1', 'si.linked_by',
      'i.id as incident_id', 'i.date', 'i.date_end', 'i.perpetrator', 'i.weapon', 'i.grade', 'i.reported_by',
      'i.killed_min', 'i.killed_max', 'i.injured_min', 'i.injured_max',
      sql<number>`(select count(*)::int from site_incidents x join incidents xi on xi.id = x.incident_id where x.site_id = s.id and xi.status <> 'rejected')`.as('attacks_total'),
    ])
    .orderBy('i.date').orderBy('s.name').execute()
  const sites = new Map<string, SiteReportEntry>()
  for (const r of rows) {
    let entry = sites.get(r.site_id)
    if (!entry) {
      entry = { id: r.site_id, name: r.name, kind: r.kind, lat: r.lat, lon: r.lon, admin1: r.admin1, attacks: [], attacks_total: r.attacks_total, repeat: r.attacks_total > 1 }
      sites.set(r.site_id, entry)
    }
    entry.attacks.push({
      incident_id: r.incident_id, date: r.date, date_end: r.date_end, perpetrator: r.perpetrator, weapon: r.weapon, grade: r.grade,
      reported_by: r.reported_by, linked_by: r.linked_by,
      killed: { min: r.killed_min, max: r.killed_max }, injured: { min: r.injured_min, max: r.injured_max },
    })
  }
  const list = [...sites.values()]
  const by_kind = SITE_KINDS.map((kind) => {
    const of = list.filter((s) => s.kind === kind)
    return { kind, sites: of.length, attacks: of.reduce((n, s) => n + s.attacks.length, 0) }
  }).filter((k) => k.sites > 0)
  return {
    period: { from: filter.from ?? null, to: filter.to ?? null, area: filter.area ?? null },
    incidents: new Set(rows.map((r) => r.incident_id)).size,
    sites: list, by_kind,
  }
}
