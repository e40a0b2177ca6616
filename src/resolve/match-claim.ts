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
const dayCache = new Map<string, number>()
export function dayNumber(iso: string): number {
  let d = dayCache.get(iso)
  if (d === undefined) {
    d = Math.floor(Date.parse(iso + 'T00:00:00Z') / DAY_MS)
    if (dayCache.size < 100_000) dayCache.set(iso, d)
  }
  return d
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
  killed: [number, number] | null
  injured: [number, number] | null
}

const NON_ATTACK_TYPES = new Set(['Strategic developments', 'Protests', 'Riots'])

/** true for events that are not attacks (agreements, protests, aid decisions): they never join attack incidents. */
export function isNonAttack(c: Pick<Claim, 'event_type' | 'kind'>): boolean {
  return NON_ATTACK_TYPES.has(c.event_type) || (c.kind !== null && c.kind !== '')
}

// Names repeat across claims: one key string per name keeps a million claims compact.
const keyCache = new Map<string, string>()
function cachedKey(name: string): string {
  let k = keyCache.get(name)
  if (k === undefined) {
    if (keyCache.size >= 200_000) keyCache.clear()
    k = areaKey(name)
    keyCache.set(name, k)
  }
  return k
}

/** What consensus needs of a member besides its places: its days. */
export type DatedClaim = Pick<PreparedClaim, 'claim' | 'start' | 'end' | 'undated' | 'datedByPublication'>

export function datesOf(claim: Claim): DatedClaim {
  let start: number | null = null, end: number | null = null, undated = false
  if (claim.date) {
    start = dayNumber(claim.date)
    end = claim.date_end ? Math.max(start, dayNumber(claim.date_end)) : start
  } else if (claim.published) {
    end = dayNumber(claim.published)
    start = end - 1
    undated = true
  }
  return { claim, start, end, undated, datedByPublication: claim.date !== null && claim.date === claim.published && claim.date_end === null }
}

export function prepareClaim(claim: Claim): PreparedClaim {
  const { start, end, undated, datedByPublication } = datesOf(claim)
  const places: PreparedPlace[] = []
  let bestPrecision = 9
  for (const p of claim.places) {
    places.push({
      name: p.name, lat: p.lat, lon: p.lon, precision: p.precision, place_id: p.place_id, admin1: p.admin1, admin2: p.admin2, near: p.near ?? null,
      nameKey: cachedKey(p.name), adminKey: p.admin1 ? cachedKey(p.admin1) : '', nearKey: p.near ? cachedKey(p.near) : '',
    })
    if (p.precision < bestPrecision) bestPrecision = p.precision
  }
  return {
    claim, start, end, undated, datedByPublication,
    cls: isNonAttack(claim) ? `other:${claim.event_type}/${claim.sub_event_type}/${claim.kind ?? ''}` : 'attack',
    places,
    bestPrecision,
    killed: span(claim.killed),
    injured: span(claim.injured),
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

/**
 * Means of attack by how they are delivered: air and ground reports of one attack contradict
 * each other. Missiles are fired from aircraft as well as from the ground, and cluster
 * munitions and chemicals come both ways, so they contradict neither.
 */
export function weaponClass(w: Weapon): 'air' | 'ground' | 'ied' | 'any' {
  switch (w) {
    case 'airstrike': case 'barrel_bomb': case 'drone': return 'air'
    case 'shelling_artillery': case 'small_arms': return 'ground'
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
  // "outskirts of Kafr Nabl" is told relative to the place another claim names exactly (two
  // villages both near the same town are still two villages).
  if ((a.precision > 1 && a.nearKey && a.nearKey === b.nameKey) || (b.precision > 1 && b.nearKey && b.nearKey === a.nameKey)) return 1.5
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

/** What an incident looks like to a newcomer: updated from its members when one joins. */
export interface Consensus {
  cls: string
  start: number | null
  end: number | null
  datedByPublication: boolean
  /** best (lowest) precision among the members' places */
  precision: number
  /** founded by a claim naming several places (one figure for strikes on several villages) */
  multiPlace: boolean
  places: PreparedPlace[]
  perpetrator: Perpetrator
  weapon: Weapon
  targets: readonly string[]
  killed: [number, number] | null
  injured: [number, number] | null
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

function modalWeapon(members: readonly Claim[]): Weapon {
  const counts = new Map<Weapon, number>()
  let best: Weapon = 'unknown', n = 0
  for (const m of members) {
    if (m.weapon === 'unknown') continue
    const k = (counts.get(m.weapon) ?? 0) + 1
    counts.set(m.weapon, k)
    if (k > n) { best = m.weapon; n = k }
  }
  return best
}

function mergeSpan(a: [number, number] | null, b: [number, number] | null): [number, number] | null {
  if (!a) return b
  if (!b) return a
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])]
}

/**
 * The modal (start, end) among dated members, single days preferred over ranges; ties go
 * to the member seen first. Undated members count only when nobody gives a date.
 */
function modalDates(members: readonly DatedClaim[]): { start: number | null; end: number | null; datedByPublication: boolean } {
  let anySingle = false, anyDated = false
  for (const m of members) {
    if (m.start === null || m.undated) continue
    anyDated = true
    if (m.start === m.end) anySingle = true
  }
  if (!anyDated) {
    const m = members[0]!
    return { start: m.start, end: m.end, datedByPublication: m.datedByPublication }
  }
  const inPool = (m: DatedClaim) => m.start !== null && !m.undated && (!anySingle || m.start === m.end)
  let best = -1, bestN = 0
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!
    if (!inPool(m)) continue
    let n = 0
    for (const o of members) if (inPool(o) && o.start === m.start && o.end === m.end) n++
    if (n > bestN) { best = i; bestN = n }
  }
  const w = members[best]!
  return { start: w.start, end: w.end, datedByPublication: members.some((m) => m.datedByPublication && m.start === w.start) }
}

function samePlace(a: PreparedPlace, b: PreparedPlace): boolean {
  if (a.place_id !== null || b.place_id !== null) return a.place_id === b.place_id
  if (a.lat !== null || b.lat !== null) return a.lat === b.lat && a.lon === b.lon
  return a.nameKey === b.nameKey
}

const MAX_PLACES = 12

/** `prev` (the consensus of the members before `c`) updated for `c` joining; `members` includes `c`. */
export function joinConsensus(prev: Consensus, members: readonly DatedClaim[], c: PreparedClaim): Consensus {
  let places = prev.places, precision = prev.precision
  if (c.bestPrecision < precision) {
    precision = c.bestPrecision
    places = []
  }
  if (c.bestPrecision === precision) {
    for (const p of c.places) {
      if (p.precision !== precision || places.length >= MAX_PLACES || places.some((q) => samePlace(p, q))) continue
      places = places === prev.places ? [...places, p] : (places.push(p), places)
    }
  }
  const dates = modalDates(members)
  const claims = members.map((m) => m.claim)
  const targets = c.claim.targets.every((t) => prev.targets.includes(t)) ? prev.targets : [...new Set([...prev.targets, ...c.claim.targets])]
  return {
    cls: prev.cls, start: dates.start, end: dates.end, datedByPublication: dates.datedByPublication, precision, multiPlace: prev.multiPlace, places,
    perpetrator: consensusPerpetrator(claims.map((m) => m.perpetrator)),
    weapon: modalWeapon(claims), targets,
    killed: mergeSpan(prev.killed, c.killed), injured: mergeSpan(prev.injured, c.injured),
  }
}

function singleConsensus(m: PreparedClaim): Consensus {
  const best = m.bestPrecision
  const places: PreparedPlace[] = []
  for (const p of m.places) if (p.precision === best && places.length < MAX_PLACES && !places.some((q) => samePlace(p, q))) places.push(p)
  return {
    cls: m.cls, start: m.start, end: m.end, datedByPublication: m.datedByPublication, precision: best, multiPlace: places.length > 1, places,
    perpetrator: m.claim.perpetrator, weapon: m.claim.weapon, targets: m.claim.targets, killed: m.killed, injured: m.injured,
  }
}

/** The consensus of members in the order given (the order they joined). */
export function consensusOf(members: readonly PreparedClaim[]): Consensus {
  let k = singleConsensus(members[0]!)
  for (let i = 1; i < members.length; i++) k = joinConsensus(k, members.slice(0, i + 1), members[i]!)
  return k
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
  // One figure for several villages is a different record from a strike on one of them; a
  // claim naming several places must not bridge incidents of neighbouring villages.
  if ((c.places.length > 1) !== k.multiPlace) score -= 1
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
  if (c.claim.targets.length > 0 && k.targets.length > 0) score += c.claim.targets.some((t) => k.targets.includes(t)) ? 0.5 : -0.5
  score += casualtyScore(c.killed, k.killed)
  score += casualtyScore(c.injured, k.injured, 0.5)
  return score
}
