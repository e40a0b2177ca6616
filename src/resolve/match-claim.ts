/**
 * The scored match between a claim and an incident's consensus. Each feature adds or
 * subtracts evidence; a claim joins an incident only when the total reaches
 * `MATCH_THRESHOLD`. Matching against the consensus (modal date, most precise places,
 * modal perpetrator), never against one member, is what stops clusters from chaining
 * (A~B, B~C, so A~C) across neighbouring villages or consecutive days.
 */
import type { Perpetrator, Weapon, Range } from '../domain/index.ts'
import type { Claim, ClaimPlace } from './claim.ts'
import { areaKey } from './area-key.ts'

export const MATCH_THRESHOLD = 2.5
/** Candidate radius: further apart than this, two precise places are never one attack. */
export const MAX_KM = 10
/** Two precise places closer than this are taken as the same place under different names. */
export const SAME_PLACE_KM = 1.5

const DAY_MS = 86_400_000
export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(iso + 'T00:00:00Z') / DAY_MS)
}
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** A place with what matching needs precomputed. */
export interface PreparedPlace extends ClaimPlace { nameKey: string; adminKey: string; nearKey: string }

/** A claim with day numbers and keys precomputed once. */
export interface PreparedClaim {
  claim: Claim
  /** first and last day; null when the claim has neither a date nor a publication date */
  start: number | null
  end: number | null
  /** the date was missing and stands in as "up to the publication date" */
  undated: boolean
  /** the claimed date is the publication date: a "yesterday" may have been read as today */
  datedByPublication: boolean
  /** 'attack' or the kind of non-attack event: different classes never merge */
  cls: string
  places: PreparedPlace[]
  bestPrecision: number
}

const NON_ATTACK_TYPES = new Set(['Strategic developments', 'Protests', 'Riots'])

/** true for events that are not attacks (agreements, protests, aid decisions): they never join attack incidents. */
export function isNonAttack(c: Pick<Claim, 'event_type' | 'kind'>): boolean {
  return NON_ATTACK_TYPES.has(c.event_type) || (c.kind !== null && c.kind !== '')
}

export function prepareClaim(claim: Claim): PreparedClaim {
  let start: number | null = null, end: number | null = null, undated = false
  if (claim.date) {
    start = dayNumber(claim.date)
    end = claim.date_end ? Math.max(start, dayNumber(claim.date_end)) : start
  } else if (claim.published) {
    end = dayNumber(claim.published)
    start = end - 1
    undated = true
  }
  const places = claim.places.map((p) => ({ ...p, nameKey: areaKey(p.name), adminKey: p.admin1 ? areaKey(p.admin1) : '', nearKey: p.near ? areaKey(p.near) : '' }))
  return {
    claim, start, end, undated,
    datedByPublication: claim.date !== null && claim.date === claim.published && claim.date_end === null,
    cls: isNonAttack(claim) ? `other:${claim.event_type}/${claim.sub_event_type}/${claim.kind ?? ''}` : 'attack',
    places,
    bestPrecision: places.reduce((m, p) => Math.min(m, p.precision), 9),
  }
}

export type PerpetratorRelation = 'same' | 'compatible' | 'allied' | 'opposed'
const UMBRELLA: Partial<Record<Perpetrator, Perpetrator[]>> = { russia_or_syrian_government: ['russia', 'syrian_government'] }

/** How two attributions relate: "russia" and "russia_or_syrian_government" are compatible, "russia" and "opposition" opposed. */
export function perpetratorRelation(a: Perpetrator, b: Perpetrator): PerpetratorRelation {
  if (a === 'unknown' || b === 'unknown') return 'compatible'
  if (a === b) return 'same'
  if (UMBRELLA[a]?.includes(b) || UMBRELLA[b]?.includes(a)) return 'compatible'
  // Both sit under the same umbrella: the usual dispute over which air force struck.
  for (const members of Object.values(UMBRELLA)) if (members.includes(a) && members.includes(b)) return 'allied'
  return 'opposed'
}

/** Means of attack by how they are delivered: air and ground reports of one attack contradict each other. */
export function weaponClass(w: Weapon): 'air' | 'ground' | 'ied' | 'any' {
  switch (w) {
    case 'airstrike': case 'barrel_bomb': case 'drone': return 'air'
    case 'shelling_artillery': case 'rocket_missile': case 'small_arms': return 'ground'
    case 'ied_car_bomb': return 'ied'
    default: return 'any'
  }
}

/** Equirectangular distance in km: exact enough under 50 km, and cheap at a million claims. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = (lon2 - lon1) * Math.cos(((lat1 + lat2) / 2) * Math.PI / 180) * 111.32
  const y = (lat2 - lat1) * 110.57
  return Math.sqrt(x * x + y * y)
}

/** Score of two places; -Infinity when they cannot be the same attack's place. */
export function placeScore(a: PreparedPlace, b: PreparedPlace): number {
  if (a.place_id && b.place_id && a.place_id === b.place_id) return 2
  // "near Kafr Nabl" is told relative to the place another claim names exactly.
  if ((a.nearKey && (a.nearKey === b.nameKey || a.nearKey === b.nearKey)) || (b.nearKey && b.nearKey === a.nameKey)) return 1.5
  if (a.lat !== null && a.lon !== null && b.lat !== null && b.lon !== null) {
    const d = distanceKm(a.lat, a.lon, b.lat, b.lon)
    const p = Math.max(a.precision, b.precision)
    if (p === 1) {
      if (d <= SAME_PLACE_KM) return a.place_id && b.place_id ? 1.5 : 2
      return d <= MAX_KM ? -2.5 : -Infinity
    }
    if (p === 2) {
      if (d <= MAX_KM) return 0.5
      return a.admin2 && b.admin2 && areaKey(a.admin2) === areaKey(b.admin2) ? 0 : -Infinity
    }
    // A governorate centroid says little: it fits anything in the governorate.
    return (a.adminKey && a.adminKey === b.adminKey) || d <= 3 * MAX_KM ? 0 : -Infinity
  }
  if (a.nameKey && a.nameKey === b.nameKey) return 1.5
  if (a.adminKey && a.adminKey === b.adminKey) return 0
  return -Infinity
}

/** The [low, high] a range allows; high is Infinity for "at least N"; null when not stated. */
export function span(r: Range | null): [number, number] | null {
  if (!r || (r.min === null && r.max === null)) return null
  const lo = r.min ?? r.max!
  const hi = r.max ?? (r.min !== null ? Infinity : lo)
  return [lo, Math.max(lo, hi)]
}

/** Tolls told by different sources differ (2, 3, "at least 2"); only far-apart tolls count against. */
export function casualtyScore(a: [number, number] | null, b: [number, number] | null, weight = 1): number {
  if (!a || !b) return 0
  if (a[0] <= b[1] && b[0] <= a[1]) return 0.5 * weight
  const [low, high] = a[1] < b[0] ? [a[1], b[0]] : [b[1], a[0]]
  // 2 against 3 is the usual spread between early and later counts; 2 against 20 is not.
  if (high - low <= Math.max(2, low / 2)) return 0.25 * weight
  return high <= 2 * low + 2 ? -0.25 * weight : -1.5 * weight
}

/** What an incident looks like to a newcomer: recomputed from its members when one joins. */
export interface Consensus {
  cls: string
  start: number | null
  end: number | null
  datedByPublication: boolean
  places: PreparedPlace[]
  perpetrator: Perpetrator
  weapon: Weapon
  targets: Set<string>
  killed: [number, number] | null
  injured: [number, number] | null
}

function modal<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>()
  let best: T | undefined, bestN = 0
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1
    counts.set(v, n)
    if (n > bestN) { best = v; bestN = n }
  }
  return best
}

/** The modal specific perpetrator; a tie between allies becomes their umbrella. */
export function consensusPerpetrator(perps: readonly Perpetrator[]): Perpetrator {
  const known = perps.filter((p) => p !== 'unknown')
  if (known.length === 0) return 'unknown'
  const specific = known.filter((p) => !UMBRELLA[p])
  const pool = specific.length > 0 ? specific : known
  const counts = new Map<Perpetrator, number>()
  for (const p of pool) counts.set(p, (counts.get(p) ?? 0) + 1)
  const top = Math.max(...counts.values())
  const leaders = [...counts].filter(([, n]) => n === top).map(([p]) => p)
  if (leaders.length > 1) {
    for (const [umbrella, members] of Object.entries(UMBRELLA)) {
      if (leaders.every((l) => members.includes(l))) return umbrella as Perpetrator
    }
  }
  return pool.find((p) => leaders.includes(p))!
}

function mergeSpans(spans: ([number, number] | null)[]): [number, number] | null {
  let out: [number, number] | null = null
  for (const s of spans) if (s) out = out ? [Math.min(out[0], s[0]), Math.max(out[1], s[1])] : [s[0], s[1]]
  return out
}

export function consensusOf(members: readonly PreparedClaim[]): Consensus {
  const dated = members.filter((m) => m.start !== null && !m.undated)
  const single = dated.filter((m) => m.start === m.end)
  let start: number | null = null, end: number | null = null
  const pool = single.length > 0 ? single : dated
  if (pool.length > 0) {
    const key = modal(pool.map((m) => `${m.start}:${m.end}`))!
    ;[start, end] = key.split(':').map(Number) as [number, number]
  } else if (members[0]) {
    start = members[0].start; end = members[0].end
  }
  const best = Math.min(...members.map((m) => m.bestPrecision))
  const places: PreparedPlace[] = []
  const seen = new Set<string>()
  for (const m of members) {
    for (const p of m.places) {
      if (p.precision !== best) continue
      const k = p.place_id ?? (p.lat !== null ? `${p.lat.toFixed(3)},${p.lon}` : p.nameKey)
      if (seen.has(k) || places.length >= 12) continue
      seen.add(k)
      places.push(p)
    }
  }
  return {
    cls: members[0]!.cls,
    start, end,
    datedByPublication: members.some((m) => m.datedByPublication && m.start === start),
    places,
    perpetrator: consensusPerpetrator(members.map((m) => m.claim.perpetrator)),
    weapon: modal(members.map((m) => m.claim.weapon).filter((w) => w !== 'unknown')) ?? 'unknown',
    targets: new Set(members.flatMap((m) => m.claim.targets)),
    killed: mergeSpans(members.map((m) => span(m.claim.killed))),
    injured: mergeSpans(members.map((m) => span(m.claim.injured))),
  }
}

/** The evidence that claim `c` reports the attack of consensus `k`; -Infinity when it cannot. */
export function matchScore(c: PreparedClaim, k: Consensus): number {
  if (c.cls !== k.cls || c.start === null || c.end === null || k.start === null || k.end === null) return -Infinity
  let score = 0
  const gap = Math.max(0, c.start - k.end, k.start - c.end)
  if (gap > 1) return -Infinity
  const cMulti = c.end > c.start && !c.undated, kMulti = k.end > k.start
  if (gap === 0) {
    score += c.undated ? 0.25 : cMulti || kMulti ? 0.5 : 1.5
    // A report summing up days of strikes is not the same record as one day's strike.
    if (cMulti !== kMulti && !c.undated) score -= 2
  } else {
    if (c.cls !== 'attack') return -Infinity
    // "Yesterday" read as the publication day shifts a date by one: tolerated, at a cost.
    const laterIsPublicationDay = c.start > k.end ? c.datedByPublication : k.datedByPublication
    score -= laterIsPublicationDay ? 1.5 : 2.5
  }
  let place = -Infinity
  for (const a of c.places) for (const b of k.places) place = Math.max(place, placeScore(a, b))
  if (c.places.length === 0 || k.places.length === 0) place = -0.5
  if (place === -Infinity) return -Infinity
  score += place
  if (c.cls !== 'attack') return score
  switch (perpetratorRelation(c.claim.perpetrator, k.perpetrator)) {
    case 'same': score += 1; break
    case 'allied': score -= 1; break
    case 'opposed': score -= 3; break
    default: break
  }
  const w = c.claim.weapon
  if (w !== 'unknown' && k.weapon !== 'unknown') {
    if (w === k.weapon) score += 0.5
    else {
      const a = weaponClass(w), b = weaponClass(k.weapon)
      // Air against ground is a contradiction about the attack itself, stronger than a toll gap.
      if (a !== 'any' && b !== 'any' && a !== b) score -= 2.5
    }
  }
  if (c.claim.targets.length > 0 && k.targets.size > 0) score += c.claim.targets.some((t) => k.targets.has(t)) ? 0.5 : -0.5
  score += casualtyScore(span(c.claim.killed), k.killed)
  score += casualtyScore(span(c.claim.injured), k.injured, 0.5)
  return score
}
