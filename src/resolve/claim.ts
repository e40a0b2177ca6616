/**
 * A claim: one report's event in the shape resolution works on (the contract-shaped event
 * plus where it came from). Built from a stored report row, or directly by the benchmark
 * and the labelled evaluation.
 */
import type { Perpetrator, Range, Target, Weapon, Precision } from '../domain/index.ts'

export interface ClaimPlace {
  name: string
  lat: number | null
  lon: number | null
  precision: Precision
  place_id: string | null
  admin1: string | null
  admin2: string | null
  /** for places told relative to another ("south of X"): X as written */
  near?: string | null
}

export interface Claim {
  /** report id: the order of resolution, so the same input always gives the same incidents */
  id: string
  source_id: string
  outlet: string | null
  /** publication date of the source, the anchor of relative dates */
  published: string | null
  date: string | null
  date_end: string | null
  event_type: string
  sub_event_type: string
  /** set for non-attack events (agreement, protest, aid decision...) */
  kind: string | null
  perpetrator: Perpetrator
  weapon: Weapon
  weapons: Weapon[]
  targets: Target[]
  places: ClaimPlace[]
  killed: Range | null
  injured: Range | null
  children_killed: Range | null
  reported_by: string[]
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
function rangeOf(v: unknown): Range | null {
  if (!v || typeof v !== 'object') return null
  const r = v as { min?: unknown; max?: unknown }
  const min = num(r.min), max = num(r.max)
  return min === null && max === null ? null : { min, max }
}

/** A claim from a stored report's event (`reports.event`) and its source's outlet and date. */
export function claimFromEvent(id: string, sourceId: string, event: Record<string, unknown>, source: { outlet: string | null; published: string | null }): Claim {
  const places = Array.isArray(event.places) ? event.places as Record<string, unknown>[] : []
  const prec = (v: unknown): Precision => (v === 1 || v === 2 || v === 3 ? v : 3)
  return {
    id,
    source_id: sourceId,
    outlet: source.outlet,
    published: source.published,
    date: str(event.date),
    date_end: str(event.date_end),
    event_type: str(event.event_type) ?? 'Explosions/Remote violence',
    sub_event_type: str(event.sub_event_type) ?? '',
    kind: str(event.kind),
    perpetrator: (str(event.perpetrator) ?? 'unknown') as Perpetrator,
    weapon: (str(event.weapon) ?? 'unknown') as Weapon,
    weapons: strs(event.weapons) as Weapon[],
    targets: strs(event.targets) as Target[],
    places: places.map((p) => ({
      name: str(p.text) ?? str(p.name) ?? '',
      lat: num(p.lat), lon: num(p.lon), precision: prec(p.precision),
      place_id: str(p.place_id), admin1: str(p.admin1), admin2: str(p.admin2), near: str(p.near),
    })),
    killed: rangeOf(event.killed),
    injured: rangeOf(event.injured),
    children_killed: rangeOf(event.children_killed),
    reported_by: strs(event.reported_by),
  }
}
