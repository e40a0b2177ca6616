/**
 * The in-memory core of resolution. Claims are added one at a time (in report-id order
 * for a batch, so the same input always gives the same incidents); each is scored against
 * the incidents found through a bucket index keyed on (day, 0.1° grid cell) and (day,
 * governorate), and joins the best one at or above the threshold, or founds a new incident.
 * Adding a claim touches only its buckets, so one more report costs the same at 10 or at
 * 1,000,000. Incidents keep their claims and a consensus, recomputed when one joins.
 *
 * @example
 * const { incidents } = resolveInMemory(claims)   // [{ report_ids: [...] }, ...]
 */
import type { Claim } from './claim.ts'
import { consensusOf, datesOf, joinConsensus, MATCH_THRESHOLD, matchScore, prepareClaim, type Consensus, type PreparedClaim } from './match-claim.ts'

export interface Cluster {
  /** order of founding; the tie-break between equally good incidents */
  seq: number
  members: Claim[]
  consensus: Consensus
  /** bucket keys this cluster is filed under (numbers: a million clusters stay compact) */
  keys: number[]
  /** the last claim this cluster was scored against (a cluster sits in several buckets) */
  stamp: number
}

const CELL = 0.1
const COLS = 3600
// Buckets are a map per day; within a day, the three kinds of key share one map of small
// integers: grid cells (below 6,480,000), then interned governorates, then coarse ones.
const ADMIN = 8_000_000
const ADMIN_COARSE = 16_000_000
const PER_DAY = 2 ** 25
// Ranges longer than this are filed under their first days only: summaries of a month of
// strikes are rare and would otherwise crowd every day's bucket.
const MAX_DAYS = 62

function cellOf(lat: number, lon: number): number {
  return Math.floor((lat + 90) / CELL) * COLS + Math.floor((lon + 180) / CELL)
}

export interface AddResult { cluster: Cluster; joined: boolean; score: number }

export class Resolver {
  readonly clusters: Cluster[] = []
  readonly #days = new Map<number, Map<number, Cluster[]>>()
  readonly #areas = new Map<string, number>()
  readonly #threshold: number
  #stamp = 0

  constructor(options: { threshold?: number } = {}) {
    this.#threshold = options.threshold ?? MATCH_THRESHOLD
  }

  /** Adds one claim; returns the incident it joined or founded. */
  add(claim: Claim): AddResult {
    const c = prepareClaim(claim)
    const best = this.best(c)
    if (best) {
      const k = best.cluster
      k.members.push(claim)
      k.consensus = joinConsensus(k.consensus, k.members.map((m) => (m === claim ? c : datesOf(m))), c)
      this.#file(k)
      return { cluster: k, joined: true, score: best.score }
    }
    return { cluster: this.found([claim], [c]), joined: false, score: -Infinity }
  }

  /** Files an existing group of claims as one incident (used when loading incidents from the store). */
  found(members: Claim[], prepared = members.map(prepareClaim)): Cluster {
    const cluster: Cluster = { seq: this.clusters.length, members, consensus: consensusOf(prepared), keys: [], stamp: 0 }
    this.clusters.push(cluster)
    this.#file(cluster)
    return cluster
  }

  #area(key: string): number {
    let i = this.#areas.get(key)
    if (i === undefined) { i = this.#areas.size + 1; this.#areas.set(key, i) }
    return i
  }

  #stampNow = 0
  #bestCluster: Cluster | undefined
  #bestScore = -Infinity
  #claim: PreparedClaim | undefined

  #consider(day: Map<number, Cluster[]>, key: number): void {
    const list = day.get(key)
    if (!list) return
    const stamp = this.#stampNow
    for (const k of list) {
      if (k.stamp === stamp) continue
      k.stamp = stamp
      const s = matchScore(this.#claim!, k.consensus)
      if (s > this.#bestScore || (s === this.#bestScore && this.#bestCluster && k.seq < this.#bestCluster.seq)) { this.#bestCluster = k; this.#bestScore = s }
    }
  }

  /** The best-scoring incident for a prepared claim at or above the threshold, if any. */
  best(c: PreparedClaim): { cluster: Cluster; score: number } | undefined {
    if (c.start === null || c.end === null) return undefined
    this.#stampNow = ++this.#stamp
    this.#bestCluster = undefined
    this.#bestScore = -Infinity
    this.#claim = c
    const last = Math.min(c.end, c.start + MAX_DAYS) + 1
    for (const p of c.places) {
      const precise = p.lat !== null && p.lon !== null && p.precision < 3
      const cell = precise ? cellOf(p.lat!, p.lon!) : 0
      // A precise claim may still belong to an incident only known at governorate level;
      // a coarse claim may belong to any incident of its governorate that day.
      const area = p.adminKey || (p.nameKey ? `n:${p.nameKey}` : '')
      const id = area ? this.#areas.get(area) : undefined
      const adminKey = id === undefined ? -1 : (precise ? ADMIN_COARSE : ADMIN) + id
      for (let d = c.start - 1; d <= last; d++) {
        const day = this.#days.get(d)
        if (!day) continue
        if (precise) {
          for (let dy = -COLS; dy <= COLS; dy += COLS) {
            this.#consider(day, cell + dy - 1)
            this.#consider(day, cell + dy)
            this.#consider(day, cell + dy + 1)
          }
        }
        if (adminKey >= 0) this.#consider(day, adminKey)
      }
    }
    if (c.places.length === 0) {
      for (let d = c.start - 1; d <= last; d++) {
        const day = this.#days.get(d)
        if (day) this.#consider(day, ADMIN)
      }
    }
    this.#claim = undefined
    const best = this.#bestCluster, score = this.#bestScore
    this.#bestCluster = undefined
    return best && score >= this.#threshold ? { cluster: best, score } : undefined
  }

  #file(cluster: Cluster): void {
    const k = cluster.consensus
    if (k.start === null || k.end === null) return
    const push = (d: number, key: number) => {
      const composite = d * PER_DAY + key
      if (cluster.keys.includes(composite)) return
      cluster.keys.push(composite)
      let day = this.#days.get(d)
      if (!day) { day = new Map(); this.#days.set(d, day) }
      const list = day.get(key)
      if (list) list.push(cluster)
      else day.set(key, [cluster])
    }
    const last = Math.min(k.end, k.start + MAX_DAYS)
    for (let d = k.start; d <= last; d++) {
      for (const p of k.places) {
        const precise = p.lat !== null && p.lon !== null && p.precision < 3
        if (precise) push(d, cellOf(p.lat!, p.lon!))
        const area = p.adminKey || (p.nameKey ? `n:${p.nameKey}` : '')
        if (area) {
          const id = this.#area(area)
          push(d, ADMIN + id)
          if (!precise) push(d, ADMIN_COARSE + id)
        }
      }
      if (k.places.length === 0) push(d, ADMIN)
    }
  }
}

/** Resolves a batch of claims from scratch, in report-id order: deterministic for the same input. */
export function resolveInMemory(claims: readonly Claim[], options: { threshold?: number } = {}): { incidents: { report_ids: string[] }[] } {
  const sorted = [...claims].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const r = new Resolver(options)
  for (const c of sorted) r.add(c)
  return { incidents: r.clusters.map((k) => ({ report_ids: k.members.map((m) => m.id) })) }
}
