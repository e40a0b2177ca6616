/**
 * An incident's figures, derived from its claims and never summed across sources: tolls
 * as a range (lowest minimum to highest maximum any claim gives), date and place from the
 * most precise claims, the independent sources behind it, and the Airwars-style grade with
 * the reasons for it. Pure: the store stage and the evaluation call the same function.
 */
import { TARGETS, WEAPONS, type Grade, type IncidentPlace, type Perpetrator, type Range, type Target, type Weapon } from '../domain/index.ts'
import type { Claim } from './claim.ts'
import { consensusOf, consensusPerpetrator, isoOfDay, perpetratorRelation, placeScore, prepareClaim, weaponClass, type PreparedClaim } from './match-claim.ts'

export interface IncidentFigures {
  date: string | null
  date_end: string | null
  event_type: string | null
  sub_event_type: string | null
  perpetrator: Perpetrator | null
  weapon: Weapon | null
  weapons: Weapon[]
  targets: Target[]
  places: IncidentPlace[]
  lat: number | null
  lon: number | null
  precision: number | null
  admin1: string | null
  admin2: string | null
  killed: Range
  injured: Range
  children_killed: Range
  reported_by: string[]
  independent_sources: number
  grade: Grade
  grade_reasons: string[]
}

/**
 * The range all claims allow together: the lowest minimum to the highest maximum. When a
 * claim says "at least N" above every stated maximum, the top stays open (null).
 */
export function reconcileRange(ranges: readonly (Range | null)[]): Range {
  const given = ranges.filter((r): r is Range => r !== null && (r.min !== null || r.max !== null))
  if (given.length === 0) return { min: null, max: null }
  const mins = given.map((r) => r.min ?? r.max!)
  const maxes = given.flatMap((r) => (r.max !== null ? [r.max] : []))
  const min = Math.min(...mins)
  let max: number | null = maxes.length > 0 ? Math.max(...maxes) : null
  if (max !== null && given.some((r) => r.max === null && r.min !== null && r.min > max!)) max = null
  return { min, max: max === null ? null : Math.max(max, min) }
}

const ORG_CLEAN = /[^\p{L}\p{N}]+/gu
/** The key of an organisation or outlet: "SNHR", "snhr" and "S.N.H.R." are one source. */
export function sourceKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(ORG_CLEAN, '')
}

/**
 * Who stands behind a claim: the organisations it cites (two outlets quoting one SNHR
 * statement are one source), else its outlet, else its source document.
 */
export function claimSources(c: Claim): { key: string; name: string }[] {
  const named = c.reported_by.filter((r) => sourceKey(r) !== '')
  if (named.length > 0) return named.map((r) => ({ key: sourceKey(r), name: r }))
  if (c.outlet && sourceKey(c.outlet) !== '') return [{ key: sourceKey(c.outlet), name: c.outlet }]
  return [{ key: `source:${c.source_id}`, name: c.source_id }]
}

function modalOf<T>(values: readonly T[]): T | null {
  const counts = new Map<T, number>()
  let best: T | null = null, n = 0
  for (const v of values) {
    const k = (counts.get(v) ?? 0) + 1
    counts.set(v, k)
    if (k > n) { best = v; n = k }
  }
  return best
}

/** Grade of a computed incident with its reasons (Confirmed and Discounted are set by reviewers only). */
export function gradeOf(members: readonly PreparedClaim[]): { grade: Grade; reasons: string[] } {
  const attacks = members.filter((m) => m.cls === 'attack')
  const reasons: string[] = []
  const perps = [...new Set(attacks.map((m) => m.claim.perpetrator))]
  for (let i = 0; i < perps.length; i++) {
    for (let j = i + 1; j < perps.length; j++) {
      const rel = perpetratorRelation(perps[i]!, perps[j]!)
      if (rel === 'opposed' || rel === 'allied') reasons.push(`claims blame different perpetrators: ${perps[i]} and ${perps[j]}`)
    }
  }
  const classes = new Set(attacks.flatMap((m) => [m.claim.weapon, ...m.claim.weapons]).map(weaponClass))
  if (classes.has('air') && classes.has('ground')) reasons.push('casualties are attributed both to air strikes and to ground forces')
  if (reasons.length > 0) return { grade: 'contested', reasons }

  const k = consensusOf(members)
  const agreeing = new Map<string, string>()
  const all = new Map<string, string>()
  for (const m of members) {
    const srcs = claimSources(m.claim)
    for (const s of srcs) all.set(s.key, s.name)
    const onDate = m.start !== null && k.start !== null && !m.undated && m.start <= k.end! && k.start <= m.end!
    const atPlace = m.places.some((p) => k.places.some((q) => placeScore(p, q) > 0)) || (m.places.length > 0 && k.places.length === 0)
    if (onDate && atPlace) for (const s of srcs) agreeing.set(s.key, s.name)
  }
  if (agreeing.size >= 2) {
    return { grade: 'fair', reasons: [`${agreeing.size} independent sources agree on place and date: ${[...agreeing.values()].join(', ')}`] }
  }
  if (all.size >= 2) return { grade: 'weak', reasons: [`${all.size} independent sources, but they do not agree on both place and date`] }
  return { grade: 'weak', reasons: [`a single source: ${[...all.values()][0] ?? 'unknown'}`] }
}

/** The figures of an incident made of `claims` (any order; the result does not depend on it). */
export function incidentFigures(claims: readonly Claim[]): IncidentFigures {
  const members = [...claims].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(prepareClaim)
  const k = consensusOf(members)
  const best = Math.min(...members.map((m) => m.bestPrecision))
  const placeCounts = new Map<string, { place: IncidentPlace; n: number; first: number; admin2: string | null }>()
  members.forEach((m, i) => {
    for (const p of m.places) {
      if (p.precision !== best) continue
      const key = p.place_id ?? (p.lat !== null ? `${p.lat.toFixed(3)},${p.lon?.toFixed(3)}` : p.nameKey)
      const e = placeCounts.get(key)
      if (e) e.n++
      else placeCounts.set(key, { place: { name: p.name, lat: p.lat, lon: p.lon, precision: p.precision, admin1: p.admin1, place_id: p.place_id }, n: 1, first: i, admin2: p.admin2 })
    }
  })
  const ranked = [...placeCounts.values()].sort((a, b) => b.n - a.n || a.first - b.first)
  const places = ranked.map((e) => e.place)
  const lead = places.find((p) => p.lat !== null && p.lon !== null)
  const claimsSorted = members.map((m) => m.claim)
  const sources = new Map<string, string>()
  for (const c of claimsSorted) for (const s of claimSources(c)) if (!sources.has(s.key)) sources.set(s.key, s.name)
  const { grade, reasons } = gradeOf(members)
  const weapons = new Set<Weapon>(claimsSorted.flatMap((c) => [c.weapon, ...c.weapons]).filter((w) => w !== "unknown"))
  const targets = new Set(claimsSorted.flatMap((c) => c.targets))
  const perp = consensusPerpetrator(claimsSorted.map((c) => c.perpetrator))
  return {
    date: k.start !== null ? isoOfDay(k.start) : null,
    date_end: k.start !== null && k.end !== null && k.end > k.start ? isoOfDay(k.end) : null,
    event_type: modalOf(claimsSorted.map((c) => c.event_type)),
    sub_event_type: modalOf(claimsSorted.map((c) => c.sub_event_type)),
    perpetrator: perp,
    weapon: modalOf(claimsSorted.map((c) => c.weapon).filter((w) => w !== 'unknown')) ?? 'unknown',
    weapons: WEAPONS.filter((w) => weapons.has(w)),
    targets: TARGETS.filter((t) => targets.has(t)),
    places,
    lat: lead?.lat ?? null,
    lon: lead?.lon ?? null,
    precision: Number.isFinite(best) && best <= 3 ? best : null,
    admin1: modalOf(ranked.map((e) => e.place.admin1 ?? null).filter((a): a is string => a !== null)),
    admin2: modalOf(ranked.map((e) => e.admin2).filter((a): a is string => a !== null)),
    killed: reconcileRange(claimsSorted.map((c) => c.killed)),
    injured: reconcileRange(claimsSorted.map((c) => c.injured)),
    children_killed: reconcileRange(claimsSorted.map((c) => c.children_killed)),
    reported_by: [...sources.values()],
    independent_sources: sources.size,
    grade,
    grade_reasons: reasons,
  }
}
