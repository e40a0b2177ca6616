/**
 * The in-memory core of resolution. Claims are added one at a time (in report-id order
 * for a batch, so the same input always gives the same incidents); each is scored against
 * the incidents found through a (day, 0.1° grid cell) and (day, governorate) bucket index,
 * and joins the best one at or above the threshold, or founds a new incident. Adding a
 * claim touches only its buckets, so one more report costs the same at 10 or 1,000,000.
 *
 * @example
 * const { incidents } = resolveInMemory(claims)   // [{ report_ids: [...] }, ...]
 */
import type { Claim } from './claim.ts'
import { consensusOf, MATCH_THRESHOLD, matchScore, prepareClaim, type Consensus, type PreparedClaim } from './match-claim.ts'

export interface Cluster {
  /** order of founding; the tie-break between equally good incidents */
  seq: number
  members: PreparedClaim[]
  consensus: Consensus
  /** bucket keys this cluster is filed under */
  keys: Set<number | string>
}

const CELL = 0.1
const COLS = 3600
const CELLS = 1800 * COLS
// Ranges longer than this are filed under their first days only: summaries of a month of
// strikes are rare and would otherwise crowd every day's bucket.
const MAX_DAYS = 62

function cellOf(lat: number, lon: number): number {
  return Math.floor((lat + 90) / CELL) * COLS + Math.floor((lon + 180) / CELL)
}

export interface AddResult { cluster: Cluster; joined: boolean; score: number }

export class Resolver {
  readonly clusters: Cluster[] = []
  readonly #grid = new Map<number, Cluster[]>()
  /** every incident, by day and governorate: what a coarse claim ("Idlib countryside") may be */
  readonly #admin = new Map<string, Cluster[]>()
  /** coarse incidents only, by day and governorate: what a precise claim may also be */
  readonly #adminCoarse = new Map<string, Cluster[]>()
  readonly #threshold: number
  #stamp = 0
  readonly #seen = new Map<Cluster, number>()

  constructor(options: { threshold?: number } = {}) {
    this.#threshold = options.threshold ?? MATCH_THRESHOLD
  }

  /** Adds one claim; returns the incident it joined or founded. */
  add(claim: Claim): AddResult {
    const c = prepareClaim(claim)
    const best = this.best(c)
    if (best) {
      best.cluster.members.push(c)
      best.cluster.consensus = consensusOf(best.cluster.members)
      this.#file(best.cluster)
      return { cluster: best.cluster, joined: true, score: best.score }
    }
    return { cluster: this.found([c]), joined: false, score: -Infinity }
  }

  /** Files an existing group of claims as one incident (used when loading incidents from the store). */
  found(members: PreparedClaim[]): Cluster {
    const cluster: Cluster = { seq: this.clusters.length, members, consensus: consensusOf(members), keys: new Set() }
    this.clusters.push(cluster)
    this.#file(cluster)
    return cluster
  }

  /** The best-scoring incident for a prepared claim at or above the threshold, if any. */
  best(c: PreparedClaim): { cluster: Cluster; score: number } | undefined {
    if (c.start === null || c.end === null) return undefined
    const stamp = ++this.#stamp
    let best: Cluster | undefined, bestScore = -Infinity
    const consider = (list: Cluster[] | undefined) => {
      if (!list) return
      for (const k of list) {
        if (this.#seen.get(k) === stamp) continue
        this.#seen.set(k, stamp)
        const s = matchScore(c, k.consensus)
        if (s > bestScore || (s === bestScore && best && k.seq < best.seq)) { best = k; bestScore = s }
      }
    }
    const last = Math.min(c.end, c.start + MAX_DAYS) + 1
    for (let d = c.start - 1; d <= last; d++) {
      for (const p of c.places) {
        const precise = p.lat !== null && p.lon !== null && p.precision < 3
        if (precise) {
          const cell = cellOf(p.lat!, p.lon!)
          for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) consider(this.#grid.get(d * CELLS + cell + dy * COLS + dx))
        }
        const admin = precise ? this.#adminCoarse : this.#admin
        if (p.adminKey) consider(admin.get(`${d}|${p.adminKey}`))
        else if (p.nameKey) consider(admin.get(`${d}|n:${p.nameKey}`))
      }
      if (c.places.length === 0) consider(this.#admin.get(`${d}|`))
    }
    this.#seen.clear()
    return best && bestScore >= this.#threshold ? { cluster: best, score: bestScore } : undefined
  }

  #file(cluster: Cluster): void {
    const k = cluster.consensus
    if (k.start === null || k.end === null) return
    const push = <K extends number | string>(map: Map<K, Cluster[]>, key: K, tag = '') => {
      const seenKey = typeof key === 'string' ? tag + key : key
      if (cluster.keys.has(seenKey)) return
      cluster.keys.add(seenKey)
      const list = map.get(key)
      if (list) list.push(cluster)
      else map.set(key, [cluster])
    }
    const last = Math.min(k.end, k.start + MAX_DAYS)
    for (let d = k.start; d <= last; d++) {
      for (const p of k.places) {
        const precise = p.lat !== null && p.lon !== null && p.precision < 3
        if (precise) push(this.#grid, d * CELLS + cellOf(p.lat!, p.lon!))
        const key = p.adminKey ? `${d}|${p.adminKey}` : p.nameKey ? `${d}|n:${p.nameKey}` : undefined
        if (key !== undefined) {
          push(this.#admin, key)
          if (!precise) push(this.#adminCoarse, key, 'c')
        }
      }
      if (k.places.length === 0) push(this.#admin, `${d}|`)
    }
  }
}

/** Resolves a batch of claims from scratch, in report-id order: deterministic for the same input. */
export function resolveInMemory(claims: readonly Claim[], options: { threshold?: number } = {}): { incidents: { report_ids: string[] }[] } {
  const sorted = [...claims].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const r = new Resolver(options)
  for (const c of sorted) r.add(c)
  return { incidents: r.clusters.map((k) => ({ report_ids: k.members.map((m) => m.claim.id) })) }
}
