import * as turf from '@turf/turf'
import type { Kysely } from 'kysely'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import type { IncidentFilter, IncidentView, Range } from '../../domain/index.ts'
import type { Database } from '../../store/index.ts'
import { listIncidents } from '../../resolve/index.ts'
import { agreementViolations, getAgreement, sumRanges, type AgreementSummary, type ViolationsReport } from '../agreements/index.ts'
import { SITE_KINDS, isSiteKind, type SiteKind } from '../sites/index.ts'

export interface BriefOptions {
  from: string
  to: string
  /** admin area in any spelling the incident filter knows; omitted: everywhere */
  area?: string | undefined
  /** a title; @default "Situation brief: <area>, <from> to <to>" */
  title?: string | undefined
}

export interface Citation {
  n: number
  source_id: string
  outlet: string | null
  published: string | null
  title: string | null
  url: string | null
}

export interface BriefIncident {
  incident: IncidentView
  /** citation numbers of the incident's sources */
  cites: number[]
  /** names of the protected sites the incident is linked to, by kind */
  sites: { kind: SiteKind; name: string; repeat: boolean }[]
  /** inside an agreement zone after it took effect */
  in_zone: string[]
}

export interface GroupCount {
  key: string
  incidents: number
  killed: Range
  injured: Range
}

export interface BriefAgreement {
  agreement: AgreementSummary
  zones: FeatureCollection<MultiPolygon>
  violations: ViolationsReport
}

export interface BriefData {
  title: string
  period: { from: string; to: string; area: string | null }
  generated_at: string
  incidents: BriefIncident[]
  totals: { incidents: number; killed: Range; injured: Range; children_killed: Range; first_date: string | null; last_date: string | null; days_with_attacks: number }
  by_perpetrator: GroupCount[]
  by_weapon: GroupCount[]
  /** attacks on protected sites: incidents with a protected target kind */
  protected: { incidents: BriefIncident[]; by_kind: { kind: SiteKind; incidents: number }[]; repeat_sites: string[] }
  agreements: BriefAgreement[]
  /** the incidents the prose and the key-incident table discuss: the highest tolls and every attack on a protected site */
  key: BriefIncident[]
  citations: Citation[]
}

const KEY_BY_TOLL = 6
/** more key incidents than this and the chronology stops reading as prose; the tables list the rest */
const KEY_MAX = 24

/** The highest figure an incident's toll could be, for ranking: the maximum, else the minimum. */
export function tollRank(r: Range): number {
  return r.max ?? r.min ?? 0
}

async function allIncidents(db: Kysely<Database>, filter: IncidentFilter): Promise<IncidentView[]> {
  const out: IncidentView[] = []
  let cursor: string | undefined
  do {
    const page = await listIncidents(db, { ...filter, limit: 10000, ...(cursor ? { cursor } : {}) })
    out.push(...page.items)
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return out.filter((i) => i.status !== 'rejected')
}

function group(items: IncidentView[], key: (i: IncidentView) => string): GroupCount[] {
  const m = new Map<string, IncidentView[]>()
  for (const i of items) m.set(key(i), [...(m.get(key(i)) ?? []), i])
  return [...m].map(([k, list]) => ({ key: k, incidents: list.length, killed: sumRanges(list.map((i) => i.killed)), injured: sumRanges(list.map((i) => i.injured)) }))
    .sort((a, b) => b.incidents - a.incidents || tollRank(b.killed) - tollRank(a.killed) || a.key.localeCompare(b.key))
}

/**
 * Everything a situation brief says, as data: the incidents of the period and area (through
 * the shared incident filter), totals as ranges, breakdowns, attacks on protected sites, the
 * agreements in force with their violations in the period, the key incidents and the
 * numbered sources they cite. Renderers (Markdown, HTML, PDF) only format this.
 */
export async function collectBrief(db: Kysely<Database>, options: BriefOptions): Promise<BriefData> {
  const { from, to } = options
  const area = options.area ?? null
  const filter: IncidentFilter = { from, to, ...(area ? { area } : {}) }
  const incidents = (await allIncidents(db, filter)).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id))
  const ids = incidents.map((i) => i.id)

  const sourceIds = [...new Set(incidents.flatMap((i) => i.source_ids))]
  const sources = sourceIds.length
    ? await db.selectFrom('sources').select(['id', 'outlet', 'published', 'title', 'url']).where('id', 'in', sourceIds).execute()
    : []
  sources.sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || (a.outlet ?? '').localeCompare(b.outlet ?? '') || a.id.localeCompare(b.id))
  const citations: Citation[] = sources.map((s, k) => ({ n: k + 1, source_id: s.id, outlet: s.outlet, published: s.published, title: s.title, url: s.url }))
  const numberOf = new Map(citations.map((c) => [c.source_id, c.n]))

  const siteRows = ids.length
    ? await db.selectFrom('site_incidents as si').innerJoin('protected_sites as s', 's.id', 'si.site_id')
      .select(['si.incident_id', 's.kind', 's.name', (eb) => eb.selectFrom('site_incidents as x').whereRef('x.site_id', '=', 's.id').select((e) => e.fn.countAll<number>().as('n')).as('total')])
      .where('si.incident_id', 'in', ids).execute()
    : []

  const agreements: BriefAgreement[] = []
  const extent = incidents.flatMap((i) => i.places.filter((p) => p.lat !== null && p.lon !== null).map((p) => [p.lon!, p.lat!]))
  const box = extent.length ? turf.bbox(turf.multiPoint(extent)) : null
  const active = await db.selectFrom('agreements').select('id').where('signed', '<=', to)
    .where((eb) => eb.or([eb('ends', 'is', null), eb('ends', '>=', from)])).orderBy('signed').execute()
  for (const { id } of active) {
    const detail = await getAgreement(db, id, { asOf: to })
    if (!detail) continue
    // an agreement far from every incident of the brief is not this brief's business
    if (box && detail.zone_geojson.features.length && !detail.zone_geojson.features.some((f) => overlaps(turf.bbox(f), box, 0.5))) continue
    const v = await agreementViolations(db, id, { asOf: to, from, to })
    if (!v.ok) continue
    const { zone_geojson, ...summary } = detail
    agreements.push({ agreement: summary, zones: zone_geojson, violations: v.value })
  }
  const zoneOf = new Map<string, string[]>()
  for (const a of agreements) for (const i of a.violations.incidents) zoneOf.set(i.id, [...(zoneOf.get(i.id) ?? []), a.agreement.id])

  const brief: BriefIncident[] = incidents.map((incident) => ({
    incident,
    cites: incident.source_ids.map((s) => numberOf.get(s)).filter((n): n is number => n !== undefined).sort((a, b) => a - b),
    sites: siteRows.filter((r) => r.incident_id === incident.id).map((r) => ({ kind: r.kind, name: r.name, repeat: Number(r.total) > 1 })),
    in_zone: zoneOf.get(incident.id) ?? [],
  }))
  const protectedIncidents = brief.filter((b) => b.incident.targets.some(isSiteKind))
  const byKind = SITE_KINDS.map((kind) => ({ kind, incidents: protectedIncidents.filter((b) => b.incident.targets.includes(kind)).length })).filter((k) => k.incidents > 0)
  const repeatSites = [...new Set(protectedIncidents.flatMap((b) => b.sites.filter((s) => s.repeat).map((s) => s.name)))]

  const byTollDesc = (a: BriefIncident, b: BriefIncident) => tollRank(b.incident.killed) - tollRank(a.incident.killed)
  const byToll = brief.filter((b) => tollRank(b.incident.killed) > 0).sort(byTollDesc).slice(0, KEY_BY_TOLL)
  // the highest tolls always; then attacks on protected sites and in zones, worst first, up to a readable number
  const others = [...protectedIncidents, ...brief.filter((b) => b.in_zone.length)].sort(byTollDesc)
  const keyIds = new Set(byToll.map((b) => b.incident.id))
  for (const b of others) if (keyIds.size < KEY_MAX) keyIds.add(b.incident.id)
  const key = brief.filter((b) => keyIds.has(b.incident.id))

  const dates = incidents.map((i) => i.date).filter((d): d is string => d !== null).sort()
  return {
    title: options.title ?? `Situation brief: ${area ?? 'all areas'}, ${from} to ${to}`,
    period: { from, to, area },
    generated_at: new Date().toISOString(),
    incidents: brief,
    totals: {
      incidents: incidents.length,
      killed: sumRanges(incidents.map((i) => i.killed)),
      injured: sumRanges(incidents.map((i) => i.injured)),
      children_killed: sumRanges(incidents.map((i) => i.children_killed)),
      first_date: dates[0] ?? null,
      last_date: dates[dates.length - 1] ?? null,
      days_with_attacks: new Set(dates).size,
    },
    by_perpetrator: group(incidents, (i) => i.perpetrator ?? 'unknown'),
    by_weapon: group(incidents, (i) => i.weapon ?? 'unknown'),
    protected: { incidents: protectedIncidents, by_kind: byKind, repeat_sites: repeatSites },
    agreements,
    key,
    citations,
  }
}

function overlaps(a: number[], b: number[], pad: number): boolean {
  return a[0]! <= b[2]! + pad && a[2]! >= b[0]! - pad && a[1]! <= b[3]! + pad && a[3]! >= b[1]! - pad
}
