/**
 * The in-memory geocoder: every spelling of every gazetteer place, indexed by its exact,
 * phonetic and skeleton keys (see normalise-name.ts), ranked with admin context, proximity
 * to other places named in the same report, and a score calibrated on the golden tables.
 */
import { distance as levenshtein } from 'fastest-levenshtein'
import type { GeocodeCandidate } from '../domain/event.ts'
import { ADMIN_FEATURES, type GazetteerPlace } from './gazetteer-place.ts'
import { foldText, hasArabic, joinSkeleton, nameKeys, normaliseArabic, tokenKeys, type NameKeys, type TokenKeys } from './normalise-name.ts'
import { distanceKm } from './geo.ts'
import { STOP_KEYS } from './_stop-words.ts'
import { PlaceTable } from './_place-table.ts'

export interface GeocodeOptions {
  /** governorate (any spelling): places elsewhere rank lower */
  admin1?: string | null
  /** district (any spelling): places elsewhere rank lower */
  admin2?: string | null
  /** places already named in the same report: nearby homonyms rank higher */
  near?: { lat: number; lon: number }[]
  /** @default 5 */
  limit?: number
}

/** A gazetteer name found in free text, with offsets [start, end) into the text. */
export interface PlaceMention {
  start: number
  end: number
  text: string
  candidates: GeocodeCandidate[]
}

export interface Geocoder {
  /** ranked candidates, best first; [] when nothing matches; never throws on any string */
  geocode(query: string, options?: GeocodeOptions): GeocodeCandidate[]
  /** gazetteer place names (any known spelling, Latin or Arabic script) mentioned in free text, with offsets into `text` */
  recognise(text: string, options?: { admin1?: string | null }): PlaceMention[]
  get(id: string): GeocodeCandidate | undefined
  /** number of places indexed */
  readonly size: number
}

/** One indexed spelling of a place; flat (no nested objects) to keep 100,000 places small. */
interface NameEntry {
  place: number
  name: string
  exact: string
  arabic: string
  phone: string
  arPhone: string
  skeleton: string
  tm: boolean
}

/**
 * A flat copy of a key built by concatenation: V8 keeps `a += b` results as chains of cons
 * cells, several times the size of the characters, and an index holds hundreds of thousands.
 */
function flat(s: string): string {
  return s.length === 0 ? '' : (' ' + s).slice(1)
}

/**
 * The spellings, column by column: one object per spelling would cost ~90 bytes each, and
 * 100,000 places have a quarter of a million spellings. Latin and Arabic keys share columns
 * (a spelling is in one script), told apart by a flag.
 */
class EntryTable {
  #place: number[] | Int32Array = []
  #name: string[] = []
  #text: string[] = []
  #phone: string[] = []
  #skeleton: string[] = []
  /** bit 0: Arabic script; bit 1: ends in a ta marbuta */
  #flags: number[] | Uint8Array = []
  get length(): number { return this.#place.length }
  add(e: NameEntry): number {
    if (!Array.isArray(this.#place) || !Array.isArray(this.#flags)) throw new Error('Cannot add a name to a sealed index')
    const arabic = e.arabic !== ''
    this.#place.push(e.place)
    this.#name.push(e.name)
    this.#text.push(arabic ? e.arabic : e.exact)
    this.#phone.push(arabic ? e.arPhone : e.phone)
    this.#skeleton.push(e.skeleton)
    this.#flags.push((arabic ? 1 : 0) | (e.tm ? 2 : 0))
    return this.#place.length - 1
  }
  /** Done adding: numbers into typed arrays, string columns without growth slack. */
  seal(): void {
    this.#place = Int32Array.from(this.#place)
    this.#flags = Uint8Array.from(this.#flags)
    this.#name = this.#name.slice()
    this.#text = this.#text.slice()
    this.#phone = this.#phone.slice()
    this.#skeleton = this.#skeleton.slice()
  }
  place(i: number): number { return this.#place[i]! }
  name(i: number): string { return this.#name[i]! }
  /** exact key (Latin) or Arabic key, by script */
  text(i: number): string { return this.#text[i]! }
  /** Latin phone key or Arabic reading, by script */
  phoneAny(i: number): string { return this.#phone[i]! }
  isArabic(i: number): boolean { return (this.#flags[i]! & 1) === 1 }
  tm(i: number): boolean { return (this.#flags[i]! & 2) === 2 }
  /** Latin phone key, '' for an Arabic spelling (no allocation: ranking reads this per candidate) */
  latinPhone(i: number): string { return (this.#flags[i]! & 1) === 1 ? '' : this.#phone[i]! }
  at(i: number): NameEntry {
    const f = this.#flags[i]!
    const arabic = (f & 1) === 1
    const text = this.#text[i]!
    const phone = this.#phone[i]!
    return {
      place: this.#place[i]!, name: this.#name[i]!, skeleton: this.#skeleton[i]!, tm: (f & 2) === 2,
      exact: arabic ? '' : text, arabic: arabic ? text : '', phone: arabic ? '' : phone, arPhone: arabic ? phone : '',
    }
  }
}

/** Postings: most keys name one entry, stored as a bare number to save an array per key. */
type Posting = number | number[]
const NO_IDS: readonly number[] = []
function post(map: Map<string, Posting>, key: string, value: number): void {
  const cur = map.get(key)
  if (cur === undefined) map.set(key, value)
  else if (typeof cur === 'number') map.set(key, [cur, value])
  else cur.push(value)
}
function ids(map: Map<string, Posting>, key: string): readonly number[] {
  const cur = map.get(key)
  return cur === undefined ? NO_IDS : typeof cur === 'number' ? [cur] : cur
}

type Tier = 'exact' | 'phone' | 'skeleton' | 'fuzzy'
const TIER_SCORE: Record<Tier, number> = { exact: 1, phone: 0.94, skeleton: 0.86, fuzzy: 0.7 }

/** Words that say the query means the admin unit, not the town of the same name. */
// \b is ASCII-only in JS regexps: letter lookarounds make the boundaries work for Arabic too
const ADMIN_WORDS = /(?<![\p{L}\p{M}])(governorate|province|muhafaza|muhafazat|district|mantiqa|sub-?district|nahiya|nahiyat|countryside|rif|region|محافظة|منطقة|ناحية|ريف)(?![\p{L}\p{M}])/iu
const STRIP_WORDS = /(?<![\p{L}\p{M}])(the city of|the town of|the village of|city of|town of|village of|city|town|village|villages|governorate|province|district|sub-?district|countryside|area|region|madinat|qaryat|مدينة|بلدة|قرية|محافظة|منطقة|ناحية|ريف)(?![\p{L}\p{M}])/giu
const ADMIN_TRIGGER = /city|town|vill|govern|provin|muhafaz|distr|mantiq|nahiy|countr|rif|region|area|madinat|qaryat|مدينة|بلدة|قرية|محافظة|منطقة|ناحية|ريف/i
/** Longest query worth matching: a place name, not a paragraph. */
const MAX_QUERY = 160
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** How far an admin unit reaches from its centroid, for "is this the same place" tests. */
const ADMIN_REACH_KM: Record<string, number> = { country: 1000, governorate: 100, district: 45, subdistrict: 20 }

/** Two places naming the same ground: within 5 km, or one an admin unit around the other. */
function samePlace(t: PlaceTable, a: number, b: number): boolean {
  const d = distanceKm(t.lat(a), t.lon(a), t.lat(b), t.lon(b))
  if (d <= 5) return true
  const reach = Math.max(ADMIN_REACH_KM[t.feature(a)] ?? 0, ADMIN_REACH_KM[t.feature(b)] ?? 0)
  return d <= reach
}

/**
 * Raw ranking score → probability-like score, a monotone piecewise map fitted on the golden
 * tables (`npm run eval:geocode` prints the table it must keep true): raw ≥ 0.6 was right
 * about 97% of the time, 0.5–0.6 about 80%, below 0.5 about 60%.
 */
function calibrate(raw: number): number {
  if (raw >= 0.7) return 0.9 + ((raw - 0.7) / 0.3) * 0.1
  if (raw >= 0.6) return 0.8 + (raw - 0.6)
  if (raw >= 0.5) return 0.65 + (raw - 0.5) * 1.5
  return raw * 1.3
}

// 0.75: the best top-1 accuracy on the golden tables among 0.3–1 (Latin vowels are often extra, not always)
const VOWEL_DEL = 0.75
const isVowel = (c: string): boolean => c === 'a' || c === 'e' || c === 'i' || c === 'u'

/**
 * Similarity of a Latin phonetic key and the Latin-comparable reading of an Arabic name.
 * Arabic writes long vowels only, so a Latin vowel with no Arabic counterpart costs little
 * (Lataminah ~ اللطامنة), while a consonant or a long vowel the Latin lacks costs more.
 */
// DP rows reused across calls: ranking compares hundreds of names per query
let rowA = new Float64Array(64)
let rowB = new Float64Array(64)

function crossScriptSimilarity(latin: string, arabic: string): number {
  if (!latin || !arabic) return 0
  const n = latin.length, m = arabic.length
  if (rowA.length <= m) { rowA = new Float64Array(m * 2 + 1); rowB = new Float64Array(m * 2 + 1) }
  let prev = rowA
  let cur = rowB
  prev[0] = 0
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + (isVowel(arabic[j - 1]!) ? 0.5 : 1)
  for (let i = 1; i <= n; i++) {
    const a = latin.charCodeAt(i - 1)
    const aVowel = a === 97 || a === 101 || a === 105 || a === 117
    const del = aVowel ? VOWEL_DEL : 1
    cur[0] = prev[0]! + del
    for (let j = 1; j <= m; j++) {
      const b = arabic.charCodeAt(j - 1)
      const bVowel = b === 97 || b === 101 || b === 105 || b === 117
      const sub = a === b ? 0 : aVowel && bVowel ? 0.3 : 1
      const x = prev[j - 1]! + sub
      const y = prev[j]! + del
      const z = cur[j - 1]! + (bVowel ? 0.5 : 1)
      cur[j] = x < y ? (x < z ? x : z) : (y < z ? y : z)
    }
    const t = prev
    prev = cur
    cur = t
  }
  return Math.max(0, 1 - prev[m]! / Math.max(n, m))
}

/** Similarity 0..1 from edit distance. */
function similarity(a: string, b: string): number {
  if (!a || !b) return 0
  if (a === b) return 1
  return 1 - levenshtein(a, b) / Math.max(a.length, b.length)
}

export function createGeocoder(places: readonly GazetteerPlace[]): Geocoder {
  const byId = new Map<string, number>()
  const list: GazetteerPlace[] = []
  for (const p of places) {
    const at = byId.get(p.id)
    if (at !== undefined) list[at] = p // a later import replaces the bundled entry
    else { byId.set(p.id, list.length); list.push(p) }
  }
  const entries = new EntryTable()
  const skeletonMap = new Map<string, Posting>()
  /** fuzzy blocks: first two and last two skeleton letters → skeleton keys */
  const blocks = new Map<string, string[]>()
  /** admin names (any spelling) → the canonical admin label */
  const adminKeys = new Map<string, Set<string>>()

  const addAdminKey = (label: string | null, spelling: string | null): void => {
    if (!label || !spelling) return
    const k = nameKeys(spelling).skeleton
    if (!k) return
    const set = adminKeys.get(k) ?? new Set<string>()
    set.add(label)
    adminKeys.set(k, set)
  }

  list.forEach((p, i) => {
    const names = new Set([p.name, ...(p.name_ar ? [p.name_ar] : []), ...p.alt_names])
    for (const name of names) {
      const keys = nameKeys(name)
      if (!keys.skeleton && !keys.exact && !keys.arabic) continue
      const entry: NameEntry = { place: i, name, exact: flat(keys.exact), arabic: flat(keys.arabic), phone: flat(keys.phone), arPhone: flat(keys.arPhone), skeleton: flat(keys.skeleton), tm: keys.tm }
      const e = entries.add(entry)
      if (keys.skeleton) {
        if (!skeletonMap.has(keys.skeleton)) {
          const s = keys.skeleton
          if (s.length >= 3) {
            push(blocks, `<${s.slice(0, 2)}`, s)
            push(blocks, `>${s.slice(-2)}`, s)
            push(blocks, `=${s[0]}${s[s.length - 1]}`, s)
          }
        }
        post(skeletonMap, entry.skeleton, e)
      }
      if (p.feature === 'governorate') addAdminKey(p.admin1 ?? p.name, name)
      if (p.feature === 'district') addAdminKey(p.admin2 ?? p.name, name)
    }
    addAdminKey(p.admin1, p.admin1)
    addAdminKey(p.admin2, p.admin2)
  })

  // A district or sub-district is usually named after its seat, and its aliases ("Kafr Nabl" for
  // the Kafr Nobol sub-district) are spellings of the town too: index them for the seat as well.
  const entryCount = entries.length
  /** places that are the seat of an admin unit: towns that matter more than hamlets of the same name */
  const seats = new Map<number, number>()
  const SEAT_RADIUS_KM: Record<string, number> = { governorate: 80, district: 30, subdistrict: 20 }
  for (let e = 0; e < entryCount; e++) {
    const entry = entries.at(e)
    const admin = list[entry.place]!
    const radius = SEAT_RADIUS_KM[admin.feature]
    if (radius === undefined) continue
    const primaryKeys = nameKeys(admin.name)
    const primary = primaryKeys.skeleton
    if (!primary) continue
    // the seat: the nearby town whose name reads most like the unit's (Jableh → Jablah, not Jibul)
    let seat = -1
    let bestSim = 0.6
    let bestD = radius
    for (const other of ids(skeletonMap, primary)) {
      const oe = entries.at(other)
      const q = list[oe.place]!
      if (ADMIN_FEATURES.has(q.feature) || q.admin1 !== admin.admin1) continue
      const d = distanceKm(admin.lat, admin.lon, q.lat, q.lon)
      if (d >= radius) continue
      const sim = oe.exact ? Math.max(similarity(primaryKeys.exact, oe.exact), similarity(primaryKeys.phone, oe.phone)) : similarity(primaryKeys.phone, oe.arPhone)
      if (sim > bestSim + 0.05 || (sim > bestSim - 0.05 && d < bestD)) { bestSim = Math.max(bestSim, sim); bestD = d; seat = oe.place }
    }
    if (seat < 0) continue
    seats.set(seat, Math.max(seats.get(seat) ?? 0, admin.feature === 'governorate' ? 3 : admin.feature === 'district' ? 2 : 1))
    const already = ids(skeletonMap, entry.skeleton).some((x) => entries.place(x) === seat && entries.at(x).exact === entry.exact && entries.at(x).arabic === entry.arabic)
    if (already) continue
    const ne = entries.add({ ...entry, place: seat })
    if (entry.skeleton) post(skeletonMap, entry.skeleton, ne)
  }

  entries.seal()
  for (const [k, v] of blocks) blocks.set(k, v.slice())
  // from here on, places are read from columns; the input objects can go
  const table = new PlaceTable(list)
  list.length = 0

  /** admin spelling → labels it may mean (Idleb → Idlib) */
  const adminLabelCache = new Map<string, Set<string>>()
  const adminLabels = (spelling: string | null | undefined): Set<string> | null => {
    if (!spelling) return null
    let set = adminLabelCache.get(spelling)
    if (set) return set
    const k = nameKeys(spelling).skeleton
    set = new Set(adminKeys.get(k) ?? [])
    set.add(spelling)
    if (adminLabelCache.size > 1000) adminLabelCache.clear()
    adminLabelCache.set(spelling, set)
    return set
  }

  const candidateOf = (i: number, score: number, matched?: string): GeocodeCandidate => {
    const c: GeocodeCandidate = {
      id: table.id(i), name: table.name(i), lat: table.lat(i), lon: table.lon(i), admin1: table.admin1(i), admin2: table.admin2(i), feature: table.feature(i),
      score: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000,
      name_ar: table.nameAr(i), admin3: table.admin3(i), pcode: table.pcode(i), source: table.source(i),
    }
    if (matched !== undefined) c.matched = matched
    return c
  }

  /** Entries matching the keys, best tier per entry. */
  function lookup(keys: NameKeys): Map<number, Tier> {
    const found = new Map<number, Tier>()
    const add = (list: readonly number[], tier: Tier): void => {
      for (const e of list) if (!found.has(e)) found.set(e, tier)
    }
    // Equal exact (or phonetic) keys imply equal skeletons, so one index serves all three
    // tiers: the skeleton's postings, told apart by comparing the stored keys. Two maps fewer
    // is ~10 MB fewer at 100,000 places.
    if (keys.skeleton) {
      const tierOf = (e: number): Tier => {
        const text = entries.text(e)
        if (entries.isArabic(e) ? text === keys.arabic && text !== '' : text === keys.exact && text !== '') return 'exact'
        return keys.phone && entries.latinPhone(e) === keys.phone ? 'phone' : 'skeleton'
      }
      const cur = skeletonMap.get(keys.skeleton)
      if (typeof cur === 'number') found.set(cur, tierOf(cur))
      else if (cur) for (const e of cur) found.set(e, tierOf(e))
    }
    if (keys.skeletonAlt) add(ids(skeletonMap, keys.skeletonAlt), 'skeleton')
    if (found.size === 0 && keys.skeleton.length >= 3) {
      const s = keys.skeleton
      const maxD = s.length >= 6 ? 2 : 1
      const seen = new Set<string>()
      for (const b of [`<${s.slice(0, 2)}`, `>${s.slice(-2)}`, `=${s[0]}${s[s.length - 1]}`]) {
        for (const other of blocks.get(b) ?? []) {
          if (seen.has(other) || Math.abs(other.length - s.length) > maxD) continue
          seen.add(other)
          if (levenshtein(s, other) <= maxD) add(ids(skeletonMap, other), 'fuzzy')
        }
      }
    }
    return found
  }

  interface Scored { place: number; score: number; matched: string }

  function rank(keys: NameKeys, folded: string, options: GeocodeOptions, wantsAdmin: boolean): Scored[] {
    const found = lookup(keys)
    if (found.size === 0) return []
    const a1 = adminLabels(options.admin1)
    const a2 = adminLabels(options.admin2)
    const near = options.near?.filter((n) => Number.isFinite(n.lat) && Number.isFinite(n.lon)) ?? []
    const best = new Map<number, Scored>()
    for (const [e, tier] of found) {
      const place = entries.place(e)
      // how close the spelling is, beyond sharing a key (columns read directly: no allocation)
      let sim = 1
      if (tier !== 'exact') {
        const arabicEntry = entries.isArabic(e)
        const text = entries.text(e)
        const phone = entries.phoneAny(e)
        if (keys.exact && !arabicEntry) sim = Math.max(similarity(keys.exact, text), similarity(keys.phone, phone))
        else if (keys.arabic && arabicEntry) sim = Math.max(similarity(keys.arabic, text), similarity(keys.arPhone, phone))
        else if (keys.exact) sim = crossScriptSimilarity(keys.phone, phone) // Latin spelling of an Arabic name
        else sim = crossScriptSimilarity(phone, keys.arPhone)
        if (keys.tm !== entries.tm(e)) sim -= 0.08
      }
      let s = TIER_SCORE[tier] * (tier === 'exact' ? 1 : 0.75 + 0.25 * sim)
      if (tier === 'fuzzy') s *= Math.min(1, 0.5 + keys.skeleton.length / 10)
      // admin units and towns sharing a name: the town, unless the query says "governorate"/"district"
      const feature = table.feature(place)
      const isAdmin = ADMIN_FEATURES.has(feature)
      if (wantsAdmin) s *= isAdmin ? 1 : 0.85
      else if (isAdmin) s *= feature === 'subdistrict' ? 0.9 : 0.93
      if (a1) {
        const pa1 = table.admin1(place)
        if (pa1 && a1.has(pa1)) s *= 1
        else if (pa1) s *= 0.55
        else s *= 0.8
      }
      if (a2) {
        const pa2 = table.admin2(place)
        if (pa2 && a2.has(pa2)) s *= 1.03
        else if (pa2) s *= 0.8
      }
      if (near.length > 0) {
        let d = Infinity
        for (const n of near) d = Math.min(d, distanceKm(n.lat, n.lon, table.lat(place), table.lon(place)))
        s *= d < 15 ? 1.1 : d < 40 ? 1 : d < 100 ? 0.85 : 0.7
      }
      // a city of 100,000 is mentioned far more often than a hamlet of the same name
      const population = table.population(place)
      if (population) s *= population > 100000 ? 1.06 : population > 20000 ? 1.04 : population > 5000 ? 1.02 : 1
      const seatLevel = seats.get(place)
      if (seatLevel) s *= 1 + 0.02 * seatLevel
      const prev = best.get(place)
      if (!prev || s > prev.score) best.set(place, { place, score: s, matched: entries.name(e) })
    }
    const out = [...best.values()].sort((x, y) => y.score - x.score || table.id(x.place).localeCompare(table.id(y.place)))
    // Calibration: a rival of similar score far away makes the top a guess; rivals within 5 km
    // are the same place in another gazetteer layer and do not count.
    const top = out[0]
    if (top) {
      const rival = out.find((o) => o !== top && !samePlace(table, top.place, o.place))
      const ratio = rival ? rival.score / top.score : 0
      const factor = 1 - 0.45 * ratio ** 3
      for (const o of out) o.score = calibrate(Math.min(1, o.score) * (o === top ? factor : factor * 0.95))
    }
    void folded
    return out
  }

  function cleanQuery(query: unknown): string | null {
    if (typeof query !== 'string') return null
    if (query.length > MAX_QUERY * 4) return null
    const q = query.replace(CONTROL, ' ').trim()
    if (!q || q.length > MAX_QUERY) return null
    return q
  }

  function geocode(query: string, options: GeocodeOptions = {}): GeocodeCandidate[] {
    try {
      const q = cleanQuery(query)
      if (!q) return []
      const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? 5)))
      // the word lists are Unicode-aware regexps, slow next to the rest: only when a trigger is there
      const hasWords = ADMIN_TRIGGER.test(q)
      const wantsAdmin = hasWords && ADMIN_WORDS.test(q)
      // "Kafr Nabl, Idlib": trailing comma parts give the admin context
      const parts = q.split(/\s*[,،]\s*/).filter(Boolean)
      let head = parts[0] ?? q
      const opts = { ...options }
      if (parts.length > 1 && !opts.admin1) opts.admin1 = parts[parts.length - 1]!.replace(STRIP_WORDS, '').trim() || null
      if (parts.length > 1) head = head.trim()
      let stripped = hasWords ? head.replace(STRIP_WORDS, ' ').replace(/\s+/g, ' ').trim() : head
      if (!stripped) stripped = head
      let keys = nameKeys(stripped)
      if (keys.letters < 2 || (!keys.skeleton && !keys.exact && !keys.arabic)) return []
      let ranked = rank(keys, foldText(stripped), opts, wantsAdmin)
      if (ranked.length === 0 && stripped !== head) {
        keys = nameKeys(head)
        ranked = rank(keys, foldText(head), opts, wantsAdmin)
      }
      if (ranked.length === 0 && parts.length > 1) {
        head = q
        keys = nameKeys(head)
        ranked = rank(keys, foldText(head), options, wantsAdmin)
      }
      return ranked.slice(0, limit).map((r) => candidateOf(r.place, r.score, r.matched))
    } catch {
      // never throw on user input: a bug here must not abort a batch
      return []
    }
  }

  // ---- recognition in free text ------------------------------------------------------------

  const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}'’ʿʾ`]*/gu
  const tokenCache = new Map<string, TokenKeys>()
  const tokenOf = (word: string): TokenKeys => {
    let t = tokenCache.get(word)
    if (t) return t
    const parts = tokenKeys(word)
    if (parts.length === 1) t = parts[0]!
    else t = { exact: parts.map((x) => x.exact).join(''), phone: parts.map((x) => x.phone).join(''), skeleton: parts.map((x) => x.skeleton).join(''), arabic: parts.some((x) => x.arabic), article: false }
    if (tokenCache.size > 50000) tokenCache.clear()
    tokenCache.set(word, t)
    return t
  }
  const ARTICLE_WORDS = new Set(['al', 'el', 'ash', 'as', 'ad', 'ar', 'at', 'az', 'an', 'es', 'ez', 'ed', 'er', 'et', 'en', 'ath', 'adh'])
  /** Arabic proclitics glued to a name (و ف ب ل ك, with or without the article), longest first. */
  const AR_PROCLITICS = ['وبال', 'وال', 'بال', 'فال', 'كال', 'لل', 'وب', 'ول', 'فب', 'وك', 'و', 'ف', 'ب', 'ل', 'ك']

  /** What recognition needs to know about a word, computed once per distinct word. */
  interface WordInfo { keys: TokenKeys; arabic: boolean; article: boolean; stop: boolean; stripped: { keys: TokenKeys; shift: number }[] }
  const wordCache = new Map<string, WordInfo>()
  const wordInfo = (raw: string): WordInfo => {
    let info = wordCache.get(raw)
    if (info) return info
    const arabic = hasArabic(raw)
    const lower = raw.toLowerCase()
    const stripped: { keys: TokenKeys; shift: number }[] = []
    if (arabic) {
      const head = normaliseArabic(raw)
      for (const pre of AR_PROCLITICS) {
        if (head.length - pre.length >= 2 && head.startsWith(pre)) stripped.push({ keys: tokenOf(head.slice(pre.length)), shift: raw.startsWith(pre) ? pre.length : 0 })
      }
    }
    info = { keys: tokenOf(raw), arabic, article: !arabic && ARTICLE_WORDS.has(lower), stop: !arabic && STOP_KEYS.has(lower), stripped }
    if (wordCache.size > 50000) wordCache.clear()
    wordCache.set(raw, info)
    return info
  }

  /** Only spaces and hyphens between two words of one name (no punctuation, no blank line). */
  function gapJoins(text: string, from: number, to: number): boolean {
    if (to - from > 3) return false
    let newlines = 0
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k)
      if (c === 10) { if (++newlines > 1) return false; continue }
      if (c !== 32 && c !== 9 && c !== 13 && c !== 45 && c !== 0x2010 && c !== 0x2013 && c !== 0xa0) return false
    }
    return true
  }

  function windowKeys(parts: TokenKeys[]): NameKeys {
    const k: NameKeys = { exact: '', arabic: '', phone: '', arPhone: '', skeleton: '', tokens: parts.length, tm: parts[parts.length - 1]!.tm === true, letters: 0 }
    for (const x of parts) {
      if (x.arabic) { k.arabic += x.exact; k.arPhone = joinSkeleton(k.arPhone, x.phone) }
      else { k.exact += x.exact; k.phone = joinSkeleton(k.phone, x.phone) }
      k.skeleton = joinSkeleton(k.skeleton, x.skeleton)
      k.letters += x.exact.length
    }
    return k
  }

  /** 2: the spelling is known as written (or sounds exactly alike); 1: reads like a known name; 0: no */
  function knownInProse(keys: NameKeys, arabic: boolean): 0 | 1 | 2 {
    if (arabic) return keys.arabic !== '' && ids(skeletonMap, keys.skeleton).some((e) => entries.isArabic(e) && entries.text(e) === keys.arabic) ? 2 : 0
    if (keys.exact && ids(skeletonMap, keys.skeleton).some((e) => !entries.isArabic(e) && entries.text(e) === keys.exact)) return 2
    if (keys.phone.length >= 4 && ids(skeletonMap, keys.skeleton).some((e) => entries.latinPhone(e) === keys.phone)) return 2
    // one word that only resembles a name (Sergei, Interim) is too often no place: 4+ consonants
    if (keys.skeleton.length < (keys.tokens === 1 ? 4 : 3) || !skeletonMap.has(keys.skeleton)) return 0
    // a shared skeleton alone is weak in prose ("Parker" and بئر قرعة share one): the spelling
    // must also read alike, in the same script or across
    return ids(skeletonMap, keys.skeleton).some((e) => {
      const x = entries.at(e)
      if (x.arabic !== '') return crossScriptSimilarity(keys.phone, x.arPhone) >= 0.75
      return similarity(keys.phone, x.phone) >= 0.7
    }) ? 1 : 0
  }

  // Reports name the same places again and again: rank each spelling once per context.
  const mentionCache = new Map<string, GeocodeCandidate[]>()
  function mentionCandidates(keys: NameKeys, admin1: string | null): GeocodeCandidate[] {
    const key = `${keys.exact}\u0001${keys.arabic}\u0001${keys.skeleton}\u0001${keys.phone}\u0001${admin1 ?? ''}`
    let hit = mentionCache.get(key)
    if (!hit) {
      hit = rank(keys, '', { admin1 }, false).slice(0, 5).map((r) => candidateOf(r.place, r.score, r.matched))
      if (mentionCache.size > 20000) mentionCache.clear()
      mentionCache.set(key, hit)
    }
    return hit
  }

  function recognise(text: string, options: { admin1?: string | null } = {}): PlaceMention[] {
    const out: PlaceMention[] = []
    if (typeof text !== 'string' || !text) return out
    try {
      interface W { start: number; end: number; raw: string; info: WordInfo; cap: boolean }
      const words: W[] = []
      for (const m of text.matchAll(WORD_RE)) {
        const raw = m[0].replace(/['’ʿʾ`]+$/u, '')
        if (!raw) continue
        const info = wordInfo(raw)
        const first = raw[0]!
        words.push({ start: m.index, end: m.index + raw.length, raw, info, cap: info.arabic || first !== first.toLowerCase() })
      }
      const joins: boolean[] = words.map((w, j) => j + 1 < words.length && gapJoins(text, w.end, words[j + 1]!.start))
      const keysOf: { keys: NameKeys; doubt: number }[] = []
      let i = 0
      while (i < words.length) {
        const w = words[i]!
        const startsName = w.info.arabic || (w.cap && !w.info.article) || (w.info.article && joins[i] === true && words[i + 1]!.cap)
        if (!startsName) { i++; continue }
        // the window: following words of the same script that can belong to one name
        let last = i
        let contentWords = w.info.article ? 0 : 1
        while (last + 1 < words.length && joins[last] && last - i < 5) {
          const x = words[last + 1]!
          if (x.info.arabic !== w.info.arabic || (!x.info.arabic && !x.cap && !x.info.article)) break
          if (!x.info.article && ++contentWords > 4) break
          last++
        }
        let matched: { end: number; keys: NameKeys; shift: number; exact: boolean } | null = null
        for (let n = last; n >= i && !matched; n--) {
          const lastWord = words[n]!
          if (lastWord.info.article) continue
          const content: TokenKeys[] = []
          for (let j = i; j <= n; j++) if (!words[j]!.info.article) content.push(words[j]!.info.keys)
          if (content.length === 0) continue
          if (!w.info.arabic && content.length === 1) {
            const only = words[n]!
            if (only.info.stop || only.info.keys.exact.length < 3) continue
          }
          const keys = windowKeys(content)
          const known = knownInProse(keys, w.info.arabic)
          if (known > 0) { matched = { end: n + 1, keys, shift: 0, exact: known === 2 }; break }
          for (const v of w.info.stripped) {
            const vk = windowKeys([v.keys, ...content.slice(1)])
            if (knownInProse(vk, true) > 0) { matched = { end: n + 1, keys: vk, shift: v.shift, exact: true }; break }
          }
        }
        if (!matched) { i++; continue }
        const lastW = words[matched.end - 1]!
        const start = w.start + matched.shift
        const spanText = text.slice(start, lastW.end)
        const candidates = mentionCandidates(matched.keys, options.admin1 ?? null)
        // a word of prose that only sounds like a place may be no place at all: say so in the score
        const doubt = matched.exact ? 1 : 0.85
        if (candidates.length > 0) {
          out.push({ start, end: lastW.end, text: spanText, candidates: candidates.map((c) => ({ ...c, score: Math.round(c.score * doubt * 1000) / 1000 })) })
          keysOf.push({ keys: matched.keys, doubt })
        }
        i = matched.end
      }
      // Second pass: a report's places are near each other. Mentions in doubt are ranked again
      // with the confident ones (towns, not admin units) as neighbours.
      const anchorById = new Map<string, { lat: number; lon: number; id: string }>()
      for (const m of out) {
        const c = m.candidates[0]!
        if (c.score >= 0.85 && !ADMIN_FEATURES.has(c.feature) && anchorById.size < 30) anchorById.set(c.id, { lat: c.lat, lon: c.lon, id: c.id })
      }
      const anchors = [...anchorById.values()]
      if (anchors.length > 0) {
        out.forEach((m, k) => {
          const top = m.candidates[0]!
          if (top.score >= 0.85) return
          const near = anchors.filter((a) => a.id !== top.id)
          if (near.length === 0) return
          const { keys, doubt } = keysOf[k]!
          const ranked = rank(keys, '', { admin1: options.admin1 ?? null, near }, false).slice(0, 5)
          if (ranked.length > 0) m.candidates = ranked.map((r) => { const c = candidateOf(r.place, r.score * doubt, r.matched); return c })
        })
      }
    } catch {
      return out
    }
    return out
  }

  function get(id: string): GeocodeCandidate | undefined {
    const i = byId.get(id)
    return i === undefined ? undefined : candidateOf(i, 1)
  }

  return { geocode, recognise, get, size: table.length }
}
