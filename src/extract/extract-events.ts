/**
 * The rules extractor (`rules/1`): one pass over the sentences of a report, in order, keeping
 * what the text has established so far (the last day named, the attacker named earlier in the
 * paragraph, the organisation cited) so that "On that first day", "the same day" and a
 * following "cluster munitions were used" land on the right event. Pure: no I/O.
 */
import { EXTRACT_SCHEMA, type Evidence, type ExtractResult, type ExtractedEvent, type Perpetrator, type Range, type Target, type Weapon } from '../domain/index.ts'
import { tokenize, readCasualties, type CasualtyGroup } from './casualties.ts'
import { readDates, isoOf, type DateMention } from './dates.ts'
import type { ExtractGeocoder, NameNormaliser, PlaceServices, RelativeReader } from './geocoder-port.ts'
import { ATTACK_CUE, CONTROL_BEFORE, FAMILY_RE, GENERIC_STATEMENT, NOT_AGENT_AFTER, NOT_AGENT_BEFORE, PERPETRATOR_TERMS, REPORTERS, REPORTER_AS_TARGET_AFTER, REPORT_VERB_AFTER, REPORT_VERB_BEFORE, TARGET_TERMS, WEAPON_TERMS } from './lexicon.ts'
import { jaroWinkler, readPlaces, type PlaceContext, type PlaceRef } from './places.ts'
import { splitSentences, type Sentence } from './sentences.ts'
import { detectLanguage, prepareText, type Language, type PreparedText } from './text-input.ts'
import { extractArabic } from './arabic.ts'

export interface ExtractOptions {
  /** publication date YYYY-MM-DD, the anchor of relative dates; null when unknown */
  published: string | null
  geocoder: ExtractGeocoder
  /** reads "south of X"-style phrases (src/geocode interpretRelative bound to the geocoder) */
  relative?: RelativeReader | undefined
  /** the geocoder's name key, to accept only gazetteer matches that really spell the name */
  normaliseName?: NameNormaliser | undefined
  /** @default 'auto' */
  lang?: 'en' | 'ar' | 'auto' | undefined
}

export interface ExtractDetail {
  result: ExtractResult
  prepared: PreparedText
  lang: Language
}

interface Span { start: number; end: number }
interface Valued<T> extends Span { value: T; weight: number }

export interface Draft {
  para: number
  date: number | null
  dateEnd: number | null
  dateSpan: Span | null
  places: PlaceRef[]
  killed: Range | null
  injured: Range | null
  children: Range | null
  women: Range | null
  perp: (Valued<Perpetrator> & { fromContext: boolean }) | null
  weapons: Valued<Weapon>[]
  targets: Valued<Target>[]
  reporters: Valued<string>[]
  victims: { name: string; start: number; end: number }[]
  evidence: Evidence[]
  kind?: string
  details?: Record<string, unknown>
  eventType?: string
  subEventType?: string
  text: string
}

/** Longest input read in full; beyond it the text is cut at a paragraph (documents, not reports). */
const MAX_CHARS = 2_000_000

export function extract(input: string, options: ExtractOptions): ExtractResult {
  return extractDetailed(input, options).result
}

export function extractDetailed(input: string, options: ExtractOptions): ExtractDetail {
  const prepared = prepareText(typeof input === 'string' ? input : '')
  const lang: Language = options.lang === 'en' || options.lang === 'ar' ? options.lang : detectLanguage(prepared.norm)
  const services: PlaceServices = { geocoder: options.geocoder, relative: options.relative, normaliseName: options.normaliseName }
  if (lang === 'other' || lang === 'empty') return { result: { schema: EXTRACT_SCHEMA, events: [] }, prepared, lang }
  const norm = prepared.norm.length > MAX_CHARS ? prepared.norm.slice(0, MAX_CHARS) : prepared.norm
  const published = options.published ?? prepared.published
  const drafts = lang === 'ar' ? extractArabic(prepared.text, norm, published, services) : extractEnglish(prepared.text, norm, published, services)
  return { result: { schema: EXTRACT_SCHEMA, events: dropSummaries(drafts).map((d) => toEvent(d, norm)) }, prepared, lang }
}

/** A governorate, or the city that shares its name ("Syria's rebel bastion of Idlib"): a region when a report also names villages in it. */
function regional(p: PlaceRef): boolean {
  // a name the gazetteer lacks ("the town of Ltamenah") is no region, whatever its precision
  if (p.cand === null) return p.admin || (p.precision === 3 && p.lat !== null)
  if (p.admin || p.precision === 3) return true
  const same = (a: string | null, b: string | null): boolean => a !== null && b !== null && jaroWinkler(a.toLowerCase(), b.toLowerCase()) >= 0.9
  return same(p.cand.name, p.cand.admin1) || same(p.text, p.admin1)
}

/**
 * "Russian warplanes bombed Idlib on Tuesday, killing civilians" and then the villages one by one:
 * the lead sums up the attacks the report goes on to tell, it is not one more. An attack placed
 * only at a region is dropped when the same report tells finer attacks in that region on its
 * day and its toll (if any) is no more than theirs together.
 */
function dropSummaries(drafts: Draft[]): Draft[] {
  return drafts.filter((d) => {
    if (d.kind || d.places.length === 0 || !d.places.every(regional)) return true
    const regions = new Set(d.places.map((p) => p.admin1).filter((a): a is string => a !== null))
    // "several deaths from leftover munitions in the province this month": an undated regional count beside the dated attacks told
    if (d.date === null) return !drafts.some((e) => e !== d && !e.kind && e.date !== null && e.places.some((p) => !regional(p) && p.admin1 !== null && regions.has(p.admin1)))
    const finer = drafts.filter((e) => e !== d && !e.kind && e.date !== null && d.date !== null && e.date >= d.date && e.date <= (d.dateEnd ?? d.date)
      && e.places.some((p) => !regional(p) && p.admin1 !== null && regions.has(p.admin1)))
    if (finer.length === 0) return true
    if (d.killed === null || d.killed.min === null) return false
    const told = finer.reduce((n, e) => n + (e.killed?.max ?? e.killed?.min ?? 0), 0)
    return d.killed.min > told
  })
}

const AGREEMENT_RE = /\b(?:announced|signed|reached|agreed(?:\s+on|\s+to|\s+upon)?|struck|brokered|concluded|declared|unveiled|sealed)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:deal|agreement|accord|ceasefire|cease-fire|truce|memorandum|de-escalation\s+zone|demilitari[sz]ed\s+zone)\b|\b(?:deal|agreement|accord|ceasefire|cease-fire|truce|memorandum(?:\s+of\s+understanding)?)\s+(?:was|were|has\s+been|had\s+been)\s+(?:announced|signed|reached|agreed|struck|brokered)\b|\bagreed\s+(?:on\s+\w+\s+)?to\s+(?:establish|create|set\s+up)\b|\b(?:deal|agreement|accord|memorandum|ceasefire|truce)\b[^.;]{0,100}?,?\s+(?:signed|agreed|reached|concluded)\s+(?:in|on|by|at)\b/i
const ZONE_RE = /\b(?:a\s+|the\s+)?(?:demilitari[sz]ed|buffer|de-escalation|safe|no-fly|security)\s+zone\b[^.;]*/i
const OBLIGATION_RE = /\b(?:are\s+to|is\s+to|to\s+be|must|will|shall|should|would|has\s+to|have\s+to|agreed\s+to|due\s+to)\b/i
const PROTEST_RE = /\b(?:protests?|protested|demonstrations?|demonstrated|demonstrators|protesters|protestors|rall(?:y|ies)|sit-ins?|marches|marched|took\s+to\s+the\s+streets)\b/i
const AID_RE = /\b(?:(?:stopp?(?:ed)?|suspend(?:ed|s)?|halt(?:ed|s)?|block(?:ed|s)?|resum(?:ed|es)?|allow(?:ed|s)?|den(?:ied|ies|y)|cut|clos(?:ed|es)|reopen(?:ed|s)?|bann?(?:ed|s)?|permit(?:ted|s)?|barred|restrict(?:ed|s)?)\s+(?:\w+\s+){0,3}?(?:aid|humanitarian|relief|convoys?|deliveries|cross-border)|\b(?:aid|humanitarian\s+access|convoys?|cross-border\s+(?:aid|deliveries|mechanism))\s+(?:\w+\s+){0,3}?(?:was|were|has\s+been|had\s+been)\s+(?:stopped|suspended|halted|blocked|resumed|allowed|denied|cut|closed|reopened|banned|permitted|barred|restricted)\b)/i
const AID_BROAD_RE = /\b(?:stop|stopped|halt|halted|suspend|suspended|resume|resumed|block|blocked|den(?:y|ied)|close|closed|reopen|reopened|ban|banned)\w*\b[^.;]{0,60}\b(?:aid|humanitarian|relief|convoys?|shipments|deliveries|border\s+crossing|crossing)\b/i
/** "the withdrawal of heavy weapons from the zone had been completed": an agreement kept */
const COMPLIANCE_RE = /\b(?:withdraw\w*|remov\w*|pull(?:ed)?[\s-]out|evacuat\w*)\b[^.;]{0,80}\b(?:zone|DMZ|buffer)\b[^.;]{0,60}\b(?:completed|complete|had\s+been|have\s+been|finished)\b|\b(?:finished|completed)\s+(?:withdraw\w*|remov\w*|pulling\s+out)\b[^.;]{0,80}\b(?:zone|DMZ|buffer)\b|\b(?:have|has|had)\s+(?:been\s+)?(?:removed|withdrawn|pulled\s+out|withdrew)\b[^.;]{0,60}\b(?:zone|DMZ|buffer)\b|\bwere\s+reported\s+to\s+have\s+(?:removed|withdrawn|pulled\s+out)\b/i
/** "A deadline ... passed with no sign that they had left": an agreement not kept */
const NON_COMPLIANCE_RE = /\bdeadline\b[^.;]{0,140}\b(?:passed|expired|lapsed)\b[^.;]{0,80}\b(?:no\s+sign|without|still|remain(?:ed)?|not)\b/i
const PARTY_TERMS: [string, RegExp][] = [
  ['russia', /\b(?:Russia|Russian|Putin|Moscow|Kremlin|Lavrov|Shoigu)\b/],
  ['turkey', /\b(?:Turkey|Turkish|Erdogan|Ankara|Cavusoglu)\b/],
  ['iran', /\b(?:Iran|Iranian|Rouhani|Tehran|Zarif)\b/],
  ['us', /\b(?:United\s+States|US|U\.S\.|American|Washington|Trump)\b/],
  ['syrian_government', /\b(?:Syrian\s+government|Damascus|Assad)\b/],
  ['opposition', /\b(?:opposition|rebels?|National\s+Liberation\s+Front)\b/],
  ['sdf_ypg', /\b(?:SDF|YPG|Kurdish)\b/],
  ['un', /\b(?:UN|United\s+Nations|de\s+Mistura)\b/],
]
const SAME_PLACE = /\b(?:the|that|this)\s+(?:same\s+)?(?:village|town|city|area|neighbou?rhood|camp)\b|\bthere\b/i
/** "several health facilities in southern Idlib": facilities counted vaguely over a region, no one site */
const VAGUE_COUNT_BEFORE = /\b(?:several|many|some|numerous|a\s+number\s+of|dozens\s+of|scores\s+of|multiple)\s+(?:[\w-]+\s+)?$/i
const EARLIER_ATTACK = /,\s+(?:a\s+day|two\s+days|days|hours|a\s+week|weeks|the\s+day|shortly)\s+after\s+(?!(?:the|this|that)\s)/i
const SERIES = /\b(?:succession|series|string|wave)\s+of\s+(?:\w+\s+)?(?:raids|strikes|air\s*strikes|attacks)\b/i
const SAME_PLACE_NAMED = /\b(?:the|that|this)\s+same\s+(?:village|town|city|area|neighbou?rhood|camp)\b/i
const ATTRIBUTION = /\b(?:believe[sd]?|condemned|denounced|blamed|accused|attributed|responsible|claimed|carried\s+out|were\s+(?:Syrian|Russian)|identified)\b/i
const MAY_RISE = /\b(?:expected|likely|feared)\s+to\s+rise\b|\b(?:toll|number)\s+(?:could|may|might|is\s+likely\s+to)\s+rise\b/i
const NO_CASUALTIES = /\bno\s+(?:casualties|deaths|fatalities|one\s+was\s+(?:killed|hurt|injured))\b|\bwithout\s+(?:causing\s+)?casualties\b/i
const ANAPHOR = /\b(?:the|this|that|these|those)\s+(?:attack|attacks|strike|strikes|raid|raids|bombing|shelling|massacre|incident|assault)\b|\b(?:death\s+toll|toll)\b/i

interface Context {
  lastDay: number | null
  paraPerp: (Valued<Perpetrator> & { para: number }) | null
  paraReporters: { para: number; list: Valued<string>[] } | null
  /** means named earlier in the paragraph ("Dozens of raids by warplanes hit ...") */
  paraWeapons: { para: number; list: Valued<Weapon>[] } | null
  places: PlaceContext
  /** the attacker and means of the report's lead (its first paragraph telling an attack with an attacker named) */
  lead: { para: number; perps: Valued<Perpetrator>[]; weapons: Valued<Weapon>[] } | null
  agreement: Draft | null
  /** publication day: the date of an attack the text gives no day for */
  pubDay: number | null
}

function extractEnglish(text: string, norm: string, published: string | null, services: PlaceServices): Draft[] {
  const sentences = splitSentences(norm)
  const dates = readDates(norm, published)
  const drafts: Draft[] = []
  const ctx: Context = { lastDay: null, paraPerp: null, paraReporters: null, paraWeapons: null, places: { admin1: [], near: [], last: null }, lead: null, agreement: null, pubDay: published ? Date.parse(`${published}T00:00:00Z`) / 86400000 : null }
  const docReporters = datelineReporters(norm)
  let di = 0
  for (const s of sentences) {
    while (di < dates.length && dates[di]!.end <= s.start) di++
    const sDates: DateMention[] = []
    for (let k = di; k < dates.length && dates[k]!.start < s.end; k++) sDates.push(dates[k]!)
    sentence(text, norm, s, sDates, ctx, drafts, services)
  }
  // "The number is expected to rise further": the toll is a floor
  for (const s of sentences) {
    const ss = norm.slice(s.start, s.end)
    if (!ss.includes('rise') || !MAY_RISE.test(ss)) continue
    for (const d of drafts) if (!d.kind && d.para === s.para && d.killed && d.killed.min !== null) d.killed = { min: d.killed.min, max: null }
  }
  if (docReporters.length > 0) for (const d of drafts) if (!d.kind) { const own = d.reporters; d.reporters = [...docReporters]; mergeValued(d.reporters, own) }
  return drafts
}

const DATELINE = /^\s*(?:[A-Z][A-Za-z ,.'-]{0,40}\s*)?\(([^)]{2,40})\)\s*[-:]|^\s*([^:\n]{2,60}?)\s*:/

/** "BEIRUT (Reuters) -", "SNHR: ...": the outlet or organisation behind the whole text. */
function datelineReporters(norm: string): Valued<string>[] {
  const m = DATELINE.exec(norm.slice(0, 120))
  if (!m) return []
  const inner = (m[1] ?? m[2])!
  const start = norm.indexOf(inner)
  const out: Valued<string>[] = []
  for (const r of REPORTERS) {
    r.re.lastIndex = 0
    const rm = r.re.exec(inner)
    if (rm && (m[2] !== undefined ? rm.index + rm[0].length >= inner.trimEnd().length - 1 : rm.index === 0 && rm[0].length >= inner.trim().length - 1)) out.push({ value: r.name, start: start + rm.index, end: start + rm.index + rm[0].length, weight: 1 })
  }
  return out
}

function readTerms<T>(norm: string, s: Span, terms: { value: T; re: RegExp; weight: number }[]): Valued<T>[] {
  const out: Valued<T>[] = []
  const str = norm.slice(s.start, s.end)
  // one pass of a union of the list's patterns, strongest first, so that at one position the
  // strongest reading wins ("Israeli helicopter" before "helicopter")
  const u = union(terms)
  u.re.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = u.re.exec(str))) {
    if (m[0].length === 0) { u.re.lastIndex++; continue }
    let k = 0
    while (k < u.groups.length && m[u.groups[k]!] === undefined) k++
    const t = u.terms[k]
    if (t) out.push({ value: t.value, start: s.start + m.index, end: s.start + m.index + m[0].length, weight: t.weight })
  }
  return out
}

interface Union<T> { re: RegExp; groups: number[]; terms: { value: T; re: RegExp; weight: number }[] }
const unions = new WeakMap<object, unknown>()
function union<T>(terms: { value: T; re: RegExp; weight: number }[]): Union<T> {
  let u = unions.get(terms) as Union<T> | undefined
  if (!u) {
    const ordered = byWeight(terms)
    const groups: number[] = []
    let n = 1
    for (const t of ordered) {
      groups.push(n)
      n += 1 + (new RegExp(`${t.re.source}|`).exec('')!.length - 1)
    }
    u = { re: new RegExp(ordered.map((t) => `(${t.re.source})`).join('|'), 'g' + (ordered[0]?.re.flags.includes('i') ? 'i' : '') + (ordered.some((t) => t.re.flags.includes('u')) ? 'u' : '')), groups, terms: ordered }
    unions.set(terms, u)
  }
  return u
}

const sorted = new WeakMap<object, unknown[]>()
function byWeight<T extends { weight: number }>(terms: T[]): T[] {
  let s = sorted.get(terms) as T[] | undefined
  if (!s) { s = [...terms].sort((a, b) => b.weight - a.weight); sorted.set(terms, s) }
  return s
}

function readPerpetrators(norm: string, s: Span, raw: Valued<Perpetrator>[] = readTerms(norm, s, PERPETRATOR_TERMS)): Valued<Perpetrator>[] {
  return raw.filter((p) => {
    const after = norm.slice(p.end, p.end + 30)
    const before = norm.slice(Math.max(s.start, p.start - 30), p.start)
    if (p.weight <= 3 && NOT_AGENT_AFTER.test(after)) return false
    // "a ceasefire announced by Russia": the author of a truce, not of an attack
    if (/\b(?:ceasefire|cease-fire|truce|deal|agreement|memorandum|initiative|offer)\s+(?:\w+\s+){0,2}$/i.test(norm.slice(Math.max(s.start, p.start - 40), p.start))) return false
    // "rebel-held", "against HTS": a place description or a target, not the attacker
    if (p.weight <= 2 && NOT_AGENT_BEFORE.test(before) && !/\bby\s+(?:the\s+)?$/.test(before)) return false
    if (p.weight <= 2 && CONTROL_BEFORE.test(norm.slice(Math.max(s.start, p.start - 50), p.start).replace(/\s+(?:opposition|rebel|armed|jihadist|Islamist)?\s*(?:faction|group|militia)\s+$/i, ' '))) return false
    return true
  })
}

function bestPerp(list: Valued<Perpetrator>[], norm: string): Valued<Perpetrator> | null {
  let best: Valued<Perpetrator> | null = null
  let bestScore = -1
  for (const p of list) {
    const before = norm.slice(Math.max(0, p.start - 12), p.start)
    const score = p.weight + (/\bby\s+(?:the\s+)?$/i.test(before) ? 1.5 : 0)
    if (score > bestScore) { best = p; bestScore = score }
  }
  if (!best) return null
  // a Russian and a regime attacker in the same clause: the text does not say which
  const values = new Set(list.map((p) => p.value))
  if (best.value === 'russia' && best.weight < 5 && values.has('syrian_government') && !list.some((p) => p.value === 'syrian_government' && /helicopter/i.test(norm.slice(p.start, p.end)))) return { ...best, value: 'russia_or_syrian_government' }
  return best
}

const REPORTER_TERMS = REPORTERS.map((r) => ({ value: r.name, re: r.re, weight: 1 }))

function readReporters(norm: string, s: Span): Valued<string>[] {
  const out: Valued<string>[] = []
  for (const r of readTerms(norm, s, REPORTER_TERMS)) {
    const after = norm.slice(r.end, Math.min(s.end, r.end + 80))
    const before = norm.slice(Math.max(s.start, r.start - 40), r.start)
    if (REPORTER_AS_TARGET_AFTER.test(after)) continue
    if (!REPORT_VERB_AFTER.test(after) && !REPORT_VERB_BEFORE.test(before)) continue
    if (out.some((o) => o.value === r.value)) continue
    out.push(r)
  }
  return out
}

function widen(a: Range | null, b: Range | null): Range | null {
  if (!a) return b
  if (!b) return a
  const min = a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min)
  const max = a.max === null || b.max === null ? null : Math.max(a.max, b.max)
  return { min, max }
}

function rangeOf(groups: CasualtyGroup[], kind: 'killed' | 'injured', field: 'count' | 'children' | 'women'): Range | null {
  let r: Range | null = null
  for (const g of groups) {
    if (g.kind !== kind) continue
    if (g.subset && field === 'count') continue
    const c = g[field]
    if (!c) continue
    if (g.update) r = { min: c.min, max: c.max }
    else if (g.additive && r && field === 'count') r = { min: r.min === null || c.min === null ? (r.min ?? c.min) : r.min + c.min, max: r.max === null || c.max === null ? null : r.max + c.max }
    else r = widen(r, { min: c.min, max: c.max })
  }
  return r
}

function newDraft(para: number, text: string): Draft {
  return { para, date: null, dateEnd: null, dateSpan: null, places: [], killed: null, injured: null, children: null, women: null, perp: null, weapons: [], targets: [], reporters: [], victims: [], evidence: [], text }
}

function addCasualties(d: Draft, groups: CasualtyGroup[], lowerBound: boolean): void {
  const open = (r: Range | null): Range | null => (r && lowerBound && r.min !== null ? { min: r.min, max: null } : r)
  const upd = groups.some((g) => g.update)
  const k = open(rangeOf(groups, 'killed', 'count'))
  const ch = open(rangeOf(groups, 'killed', 'children'))
  d.killed = upd && k ? k : widen(d.killed, k)
  d.children = widen(d.children, ch)
  d.women = widen(d.women, open(rangeOf(groups, 'killed', 'women')))
  d.injured = widen(d.injured, open(rangeOf(groups, 'injured', 'count')))
  // "at least five children" killed, no overall figure: the children are the figure
  if (d.killed === null && d.children) d.killed = { ...d.children }
  for (const g of groups) {
    d.evidence.push({ field: g.kind, start: g.start, end: g.end })
    if (g.children && g.kind === 'killed') d.evidence.push({ field: 'children_killed', start: g.start, end: g.end })
    for (const n of g.names) if (!d.victims.some((v) => v.name === n.name)) { d.victims.push(n); d.evidence.push({ field: 'victims', start: n.start, end: n.end }) }
  }
}

function mergeValued<T>(into: Valued<T>[], from: Valued<T>[]): void {
  for (const v of from) if (!into.some((x) => x.value === v.value)) into.push(v)
}

function sameDay(a: Draft, day: number | null, dayEnd: number | null): boolean {
  return a.date !== null && day !== null && a.date === day && a.dateEnd === null && dayEnd === null
}

function samePlace(a: PlaceRef, b: PlaceRef): boolean {
  if (a.cand && b.cand) return a.cand.id === b.cand.id
  return a.text.toLowerCase() === b.text.toLowerCase()
}

function sentence(text: string, norm: string, s: Sentence, sDates: DateMention[], ctx: Context, drafts: Draft[], services: PlaceServices): void {
  const str = norm.slice(s.start, s.end)
  // dates: back-references resolve against the last day named before them
  let own: DateMention | null = null
  let preferred: DateMention | null = null
  const deadlines: DateMention[] = []
  for (const d of sDates) {
    if (d.kind === 'back') { d.day = ctx.lastDay === null ? null : ctx.lastDay + d.offset }
    if (d.kind === 'deadline') { deadlines.push(d); continue }
    if (d.day === null) continue
    const before = norm.slice(Math.max(s.start, d.start - 30), d.start)
    const after = norm.slice(d.end, d.end + 30)
    // "X said today that ... on Monday": the day of the saying is not the day of the attack
    // "the first since mid-August": the start of a period, not a day of the events told
    if (/\bfirst\s+(?:[\w-]+\s+){0,3}since\s+(?:the\s+)?$/i.test(before)) continue
    const saying = /\b(?:said|says|say|(?<!\b(?:were|was|been|being|is|are)\s)reported|announced|stated|told\s+\w+|documented|confirmed|published|warned|added)\s+(?:on\s+)?$/i.test(before)
    // "yesterday's attack", "the strike on Tuesday": the day attached to the attack wins
    if (preferred === null && (/^'s\s+(?:\w+\s+)?(?:attack|strike|air\s*strike|raid|bombing|bombardment|shelling|massacre|explosion|blast)/i.test(after) || /\b(?:attack|strike|raid|bombing|shelling|massacre|explosion)\s+(?:\w+\s+){0,3}$/i.test(before))) preferred = d
    if (own === null && !saying) own = d
    if (!saying) ctx.lastDay = d.day
  }
  if (preferred) own = preferred
  if (own && own.day !== null) ctx.lastDay = own.day
  if (ctx.paraPerp && ctx.paraPerp.para !== s.para) ctx.paraPerp = null
  if (ctx.paraReporters && ctx.paraReporters.para !== s.para) ctx.paraReporters = null
  if (ctx.paraWeapons && ctx.paraWeapons.para !== s.para) ctx.paraWeapons = null

  const named = readTerms(norm, s, PERPETRATOR_TERMS)
  const perps = readPerpetrators(norm, s, named)
  const perp = bestPerp(perps, norm)
  const reporters = readReporters(norm, s)
  const cue = ATTACK_CUE.test(str)

  // deadlines of an agreement announced earlier ("Heavy weapons are to be withdrawn ... by 10 October")
  if (ctx.agreement && deadlines.length > 0 && OBLIGATION_RE.test(str)) {
    const list = ctx.agreement.details!.deadlines as { date: string; obligation: string }[]
    for (const d of deadlines) {
      if (d.day === null || list.some((x) => x.date === isoOf(d.day!))) continue
      list.push({ date: isoOf(d.day), obligation: obligationText(norm, s, d) })
      ctx.agreement.evidence.push({ field: 'deadlines', start: d.start, end: d.end })
    }
  }
  if (AGREEMENT_RE.test(str) && !/\b(?:killed|killing|deaths?|dead|injured|wounded|casualties)\b/i.test(str)) {
    const d = newDraft(s.para, str)
    d.kind = 'agreement'
    d.eventType = 'Strategic developments'
    d.subEventType = 'Agreement'
    setDate(d, own)
    const parties = PARTY_TERMS.filter(([, re]) => re.test(str)).map(([p]) => p)
    const zone = ZONE_RE.exec(str)
    d.details = { parties, zone: zone ? zone[0].trim() : null, deadlines: [] as { date: string; obligation: string }[] }
    d.evidence.push({ field: 'agreement', start: s.start, end: s.end })
    const places = readPlaces(services, text, norm, s.start, s.end, ctx.places).filter((p) => p.role === 'primary')
    d.places = places
    d.reporters = reporters
    drafts.push(d)
    ctx.agreement = d
    return
  }
  if (perp) ctx.paraPerp = { ...perp, para: s.para }
  if (cue && (ctx.lead === null ? perp !== null : ctx.lead.para === s.para) && !AGREEMENT_RE.test(str)) {
    if (ctx.lead === null) ctx.lead = { para: s.para, perps: [], weapons: [] }
    // "since Russian air strikes stopped": an attacker no longer attacking
    const active = perps.filter((p) => !/\bsince\s+(?:[\w-]+\s+){0,2}$/i.test(norm.slice(Math.max(s.start, p.start - 30), p.start)))
    const leadPerp = bestPerp(active, norm)
    if (leadPerp) ctx.lead.perps.push(leadPerp)
    const means = readTerms(norm, s, WEAPON_TERMS)
    // "Russian warplanes bombed", "the raids": the air strike toEvent would read
    const air = means.length === 0 ? /\bbomb(?:ed|ing|ings|ardment)\b|\braids?\b|\bstrikes?\b/i.exec(str) : null
    if (air) means.push({ value: 'airstrike', start: s.start + air.index, end: s.start + air.index + air[0].length, weight: 0 })
    mergeValued(ctx.lead.weapons, means)
  }
  if (reporters.length > 0) ctx.paraReporters = { para: s.para, list: reporters }
  if (!cue) {
    // "SOHR said the planes were believed to be Russian": who did it, or who said so, for the attack just told
    const last = drafts[drafts.length - 1]
    if (last && !last.kind && last.para === s.para) {
      // "The Observatory believes the planes were Syrian": for every attack of the paragraph still without one
      if (perp && (perp.weight >= 3 || ATTRIBUTION.test(str))) for (const x of drafts) if (!x.kind && x.para === s.para && (!x.perp || x.perp.fromContext)) x.perp = { ...perp, fromContext: false }
      mergeValued(last.reporters, reporters)
    }
    if (PROTEST_RE.test(str)) protest(text, norm, s, own, ctx, drafts, services, reporters)
    else if (AID_RE.test(str) || AID_BROAD_RE.test(str)) aidAccess(text, norm, s, own, ctx, drafts, services, reporters)
    else if (!OBLIGATION_RE.test(str) && (COMPLIANCE_RE.test(str) || NON_COMPLIANCE_RE.test(str))) compliance(text, norm, s, own ?? deadlines[0] ?? null, ctx, drafts, services, reporters, NON_COMPLIANCE_RE.test(str))
    return
  }
  const toks = tokenize(norm, s.start, s.end)
  const groups = readCasualties(norm, toks)
  // people demonstrating against the bombing: a protest, not an attack
  if (groups.length === 0 && PROTEST_RE.test(str) && !/\b(?:protesters|demonstrators)\s+(?:were|was)\b|\b(?:on|at|against)\s+(?:the\s+)?(?:protest|demonstration|protesters|demonstrators)/i.test(str)) {
    protest(text, norm, s, own, ctx, drafts, services, reporters)
    return
  }
  // "... on Ltamenah, a day after regime helicopters dropped barrel bombs on the same town": the earlier attack's means are not this one's
  const earlier = EARLIER_ATTACK.exec(str)
  const allWeapons = readTerms(norm, s, WEAPON_TERMS)
  const weapons = earlier && allWeapons.some((w) => w.end <= s.start + earlier.index) ? allWeapons.filter((w) => w.end <= s.start + earlier.index) : allWeapons
  // "a similar attack on Talmenes": the means of the attack told just before
  const told = drafts[drafts.length - 1]
  if (weapons.length === 0 && /\bsimilar\s+(?:attack|strike|raid|bombing|shelling)/i.test(str) && told && !told.kind) weapons.push(...told.weapons)
  if (GENERIC_STATEMENT.test(str)) {
    if (weapons.length > 0) ctx.paraWeapons = { para: s.para, list: weapons }
    return
  }
  // names inside an attacker's or an outlet's name are not places ("Hay'at Tahrir al-Sham's", "Enab Baladi")
  // nor are the names of the dead ("Lama al-Saeed and her daughter")
  const victimNames = groups.flatMap((g) => g.names)
  const places = readPlaces(services, text, norm, s.start, s.end, ctx.places).filter((p) => !named.some((n) => p.start < n.end && p.end > n.start) && !victimNames.some((n) => p.start < n.end && p.end > n.start))
  const primaries = places.filter((p) => p.role === 'primary')
  const targets = readTerms(norm, s, TARGET_TERMS)
  const lowerBound = (sDates.some((d) => d.kind === 'range') || /\b(?:at\s+least|no\s+less\s+than|no\s+fewer\s+than)\s+(?:\w+\s+)?(?:attacks|strikes|raids|air\s*strikes)\b/i.test(str))
  const last = drafts[drafts.length - 1]
  const lastInPara = last && last.para === s.para && !last.kind ? last : null

  if (primaries.length === 0) {
    // "an attack on the same village": the place of the attack last told, whatever the paragraph
    const prior = lastInPara ?? ((ANAPHOR.test(str) || SAME_PLACE_NAMED.test(str)) && last && !last.kind ? last : null)
    // "the same area was hit again, this time by regime artillery": another party, another attack at the same place
    if (prior && prior.places.length > 0 && perp && weapons.length > 0 && (SAME_PLACE.test(str) || /\bagain\b/i.test(str)) && !sameAttack(prior, perp, weapons)) {
      const d = newDraft(s.para, str)
      if (own && own.day !== null) setDate(d, own)
      else { d.date = prior.date; d.dateEnd = prior.dateEnd }
      d.places = [...prior.places]
      fill(d, norm, s, groups, weapons, targets, perp, reporters, ctx, lowerBound)
      drafts.push(d)
      return
    }
    // "Today, the village came under artillery fire again": the same place, another day, another attack
    if (prior && own && own.day !== null && prior.date !== own.day && prior.places.length > 0 && SAME_PLACE.test(str) && (weapons.length > 0 || groups.length > 0)) {
      const d = newDraft(s.para, str)
      setDate(d, own)
      d.places = [...prior.places]
      fill(d, norm, s, groups, weapons, targets, perp, reporters, ctx, lowerBound)
      if (!perp && prior.perp) d.perp = { ...prior.perp, fromContext: true }
      if (d.killed === null && NO_CASUALTIES.test(str)) d.killed = { min: 0, max: 0 }
      drafts.push(d)
      return
    }
    if (groups.length === 0 && NO_CASUALTIES.test(str)) {
      for (const x of drafts) if (x.para === s.para && !x.kind && x.killed === null) x.killed = { min: 0, max: 0 }
      return
    }
    // "18 civilians were killed in Turkish border towns": somewhere else, not a follow-up
    if (groups.length > 0 && !ANAPHOR.test(str) && /\bin\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:towns?|villages?|cities|areas?|camps?|neighbou?rhoods?|provinces?)\b/i.test(str)) return
    // "the attack took place on Friday": the day of the attack just told
    const informative = groups.length > 0 || perp !== null || weapons.length > 0 || targets.length > 0 || reporters.length > 0 || (own !== null && own.day !== null && ANAPHOR.test(str))
    if (!informative) return
    // a follow-up about the attack just told ("cluster munitions were used", "the toll rose to 29")
    const target = lastInPara ?? (ANAPHOR.test(str) && last && !last.kind ? last : null)
    if (target && (own === null || sameDay(target, own.day, own.dayEnd) || target.dateEnd !== null || target.dateSpan === null)) {
      // the follow-up states the day the first sentence left out
      if (own && own.day !== null && target.dateSpan === null) setDate(target, own)
      addCasualties(target, groups, lowerBound || target.dateEnd !== null)
      mergeValued(target.weapons, weapons)
      mergeValued(target.targets, targets)
      mergeValued(target.reporters, reporters)
      if (perp && (!target.perp || target.perp.fromContext)) target.perp = { ...perp, fromContext: false }
      return
    }
    if (groups.length === 0 || (own === null && weapons.length === 0 && !perp)) return
    const d = newDraft(s.para, str)
    setDate(d, own ?? null, ctx.lastDay ?? ctx.pubDay, ctx.lastDay === null)
    fill(d, norm, s, groups, weapons, targets, perp, reporters, ctx, lowerBound)
    drafts.push(d)
    return
  }

  // a name, a cue word and nothing else (a headline like "Death and life in X") is not an attack
  if (groups.length === 0 && weapons.length === 0 && targets.length === 0 && !perp) return
  // "raids hit the southern countryside of Idlib", "20 raids on X and its countryside": a region and no toll describes the day, not one attack
  // ("the town of Ltamenah", a name the gazetteer lacks, is a town all the same)
  if (groups.length === 0 && primaries.every((p) => p.admin || (p.precision === 3 && (p.cand !== null || p.lat !== null)) || (p.relation !== undefined && p.cand !== null && /countryside|suburb|surround|environs|rural|north|south|east|west/i.test(p.relation))) && !targets.some((t) => t.weight >= 3 && !VAGUE_COUNT_BEFORE.test(norm.slice(Math.max(s.start, t.start - 30), t.start)))) {
    if (weapons.length > 0) ctx.paraWeapons = { para: s.para, list: weapons }
    return
  }

  // casualties to places: "five children ... in al Basatin", "a woman and her husband in Jisr al-Shughur"
  const byPlace = new Map<number, CasualtyGroup[]>()
  for (const g of groups) {
    const idx = placeFor(norm, g, primaries)
    const list = byPlace.get(idx)
    if (list) list.push(g)
    else byPlace.set(idx, [g])
  }
  const units: Unit[] = []
  // "helicopters dropped barrels on A and B, and regime forces shelled C": one attack per clause
  const clauses = clauseSpans(norm, s).filter((c) => primaries.some((p) => p.start >= c.start && p.end <= c.end))
  if (clauses.length >= 2 && clauses.every((c) => CLAUSE_CUE.test(norm.slice(c.start, c.end)))) {
    for (const c of clauses) {
      const inC = <T extends Span>(x: T): boolean => x.start >= c.start && x.end <= c.end
      const cp = primaries.filter(inC)
      const cg = groups.filter((g) => { const pl = primaries[placeFor(norm, g, primaries)]; return pl ? inC(pl) : inC(g) })
      const cw = weapons.filter(inC)
      const cperp = bestPerp(perps.filter(inC), norm)
      units.push({ places: dedupePlaces(cp), groups: cg, span: c, weapons: cw.length > 0 ? cw : weapons, perp: cperp ?? perp, targets: targets.filter(inC) })
    }
  } else if (groups.length === 0 && SERIES.test(str) && primaries.length >= 2 && primaries.every((p) => !p.admin && p.precision === 1)) {
    // "hit the towns of Latamneh and Kafr Zeita in a succession of raids", no figure: raids on each town, not one attack
    for (const p of dedupePlaces(primaries)) units.push({ places: [p], groups: [], span: { start: s.start, end: s.end }, weapons, perp, targets: null })
  } else if (byPlace.size >= 2) {
    const idxs = [...byPlace.keys()].sort((a, b) => a - b)
    for (const idx of idxs) units.push({ places: [primaries[idx]!], groups: byPlace.get(idx)!, span: spanOf(byPlace.get(idx)!, primaries[idx]!), weapons, perp, targets: null })
    primaries.forEach((p, i) => {
      if (byPlace.has(i) || units.some((u) => u.places.some((q) => samePlace(p, q)))) return
      const nearest = units.reduce((b, u) => (Math.abs(u.places[0]!.start - p.start) < Math.abs(b.places[0]!.start - p.start) ? u : b))
      nearest.places.push(p)
    })
  } else {
    units.push({ places: dedupePlaces(primaries), groups, span: { start: s.start, end: s.end }, weapons, perp, targets: null })
  }
  for (const u of units) {
    const d = newDraft(s.para, str)
    setDate(d, own, ctx.lastDay ?? ctx.pubDay, ctx.lastDay === null)
    d.places = u.places
    for (const p of u.places) d.evidence.push({ field: 'places', start: p.start, end: p.end })
    fill(d, norm, s, u.groups, u.weapons, u.targets ?? targets, u.perp, reporters, ctx, lowerBound, units.length > 1 && !u.targets ? u.span : undefined)
    // the same strike told twice, or a later toll for it: one event
    // a later toll ("On Tuesday the toll from the Kafr Nabl strike rose to 11") is dated by its telling, not the attack
    const tollUpdate = u.groups.some((g) => g.update) && !u.weapons.length
    const twin = drafts.find((x) => !x.kind && x.places.length > 0 && (!d.perp || d.perp.fromContext || sameAttack(x, d.perp, d.weapons)) && (sameDay(x, d.date, d.dateEnd) || (tollUpdate && x.date !== null && d.date !== null && d.date >= x.date)) && x.places.some((p) => d.places.some((q) => samePlace(p, q))) && compatibleTargets(x, d))
    if (twin) {
      // "shelled A and B ... Six were killed in A": A's own figure makes A its own attack
      if (twin.places.length > 1 && d.places.length < twin.places.length && (d.killed !== null || d.injured !== null) && twin.killed === null && twin.injured === null) {
        const part: Draft = { ...twin, places: twin.places.filter((p) => d.places.some((q) => samePlace(p, q))), evidence: twin.evidence.filter((e) => e.field !== 'places'), targets: [], victims: [], weapons: [...twin.weapons], reporters: [...twin.reporters] }
        twin.places = twin.places.filter((p) => !d.places.some((q) => samePlace(p, q)))
        mergeInto(part, d)
        drafts.splice(drafts.indexOf(twin) + 1, 0, part)
        continue
      }
      mergeInto(twin, d)
      continue
    }
    drafts.push(d)
    for (const p of u.places) {
      if (p.lat !== null && p.lon !== null) ctx.places.near.push({ lat: p.lat, lon: p.lon })
      if (p.admin1 && !ctx.places.admin1.includes(p.admin1)) ctx.places.admin1.unshift(p.admin1)
      ctx.places.last = p
    }
  }
}

interface Unit {
  places: PlaceRef[]
  groups: CasualtyGroup[]
  span: Span
  weapons: Valued<Weapon>[]
  perp: Valued<Perpetrator> | null
  /** targets already cut to the clause, or null to cut by span */
  targets: Valued<Target>[] | null
}

const CLAUSE_SPLIT = /,\s*(?:in\s+addition\s+to|as\s+well\s+as|besides|alongside)\s+|(?:,\s*|\s+)(?:and|while|whereas|but)\s+(?=(?:[\w'-]+\s+){0,7}?(?:shelled|struck|dropped|hit|targeted|bombed|fired|attacked|pounded|launched|raided|shelling|rocket\s+fire|air\s*strikes?|barrel\s+bombs?|missiles?))|;\s+/gi
const CLAUSE_CUE = /\b(?:shell\w*|struck|strikes?|dropp\w*|hit|target\w*|bomb\w*|fired|attack\w*|pound\w*|launch\w*|raid\w*|rockets?|missiles?|barrels?|artillery|air\s*strikes?|warplanes?|jets?|helicopters?|drones?)\b/i

function clauseSpans(norm: string, s: Sentence): Span[] {
  const str = norm.slice(s.start, s.end)
  const out: Span[] = []
  let from = 0
  CLAUSE_SPLIT.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = CLAUSE_SPLIT.exec(str))) {
    out.push({ start: s.start + from, end: s.start + m.index })
    from = m.index + m[0].length
  }
  out.push({ start: s.start + from, end: s.end })
  return out
}

const AIR_MEANS = new Set<Weapon>(['airstrike', 'barrel_bomb', 'drone'])
const GROUND_MEANS = new Set<Weapon>(['shelling_artillery', 'rocket_missile'])

/**
 * Whether an attack told with this attacker and these means can be the one already drafted:
 * a different party, or air against ground means, at the same place and day is another attack
 * (a regime "double tap" with artillery on a Russian air strike's rescuers).
 */
function sameAttack(x: Draft, perp: Valued<Perpetrator>, weapons: Valued<Weapon>[]): boolean {
  if (x.perp && !x.perp.fromContext && x.perp.value !== perp.value && opposed(x.perp.value, perp.value)) return false
  const a = new Set(x.weapons.map((w) => w.value))
  const b = new Set(weapons.map((w) => w.value))
  const only = (set: Set<Weapon>, cls: Set<Weapon>): boolean => set.size > 0 && [...set].every((w) => cls.has(w) || w === 'cluster_munition') && [...set].some((w) => cls.has(w))
  if ((only(a, AIR_MEANS) && only(b, GROUND_MEANS)) || (only(a, GROUND_MEANS) && only(b, AIR_MEANS))) return false
  return true
}

function opposed(a: Perpetrator, b: Perpetrator): boolean {
  if (a === 'unknown' || b === 'unknown') return false
  const joint = (p: Perpetrator): boolean => p === 'russia' || p === 'syrian_government' || p === 'russia_or_syrian_government'
  if (joint(a) && joint(b) && (a === 'russia_or_syrian_government' || b === 'russia_or_syrian_government')) return false
  return true
}

function compatibleTargets(a: Draft, b: Draft): boolean {
  const ta = new Set(a.targets.map((t) => t.value).filter((t) => t !== 'residential'))
  const tb = b.targets.map((t) => t.value).filter((t) => t !== 'residential')
  if (ta.size === 0 || tb.length === 0) return true
  return tb.some((t) => ta.has(t))
}

function mergeInto(twin: Draft, d: Draft): void {
  const upd = d.killed !== null && /\b(?:rose|risen|climbed|reached|increased)\b/i.test(d.text)
  twin.killed = upd ? d.killed : widen(twin.killed, d.killed)
  twin.injured = widen(twin.injured, d.injured)
  twin.children = widen(twin.children, d.children)
  twin.women = widen(twin.women, d.women)
  mergeValued(twin.weapons, d.weapons)
  mergeValued(twin.targets, d.targets)
  mergeValued(twin.reporters, d.reporters)
  for (const v of d.victims) if (!twin.victims.some((x) => x.name === v.name)) twin.victims.push(v)
  for (const p of d.places) if (!twin.places.some((q) => samePlace(p, q))) twin.places.push(p)
  if ((!twin.perp || twin.perp.fromContext) && d.perp && !d.perp.fromContext) twin.perp = d.perp
  twin.evidence.push(...d.evidence)
}

function dedupePlaces(list: PlaceRef[]): PlaceRef[] {
  const out: PlaceRef[] = []
  for (const p of list) if (!out.some((q) => samePlace(p, q))) out.push(p)
  return out
}

function spanOf(groups: CasualtyGroup[], place: PlaceRef): Span {
  let start = place.start
  let end = place.end
  for (const g of groups) { start = Math.min(start, g.start); end = Math.max(end, g.end) }
  return { start, end }
}

const LOCATIVE_GAP = /^[\s,]*(?:[\w'-]+\s+){0,6}?(?:in|at|from|near|of)\s+(?:the\s+)?(?:(?:village|town|city|neighbou?rhood|camp|area)\s+of\s+)?$/i

function placeFor(norm: string, g: CasualtyGroup, places: PlaceRef[]): number {
  for (let i = 0; i < places.length; i++) {
    const p = places[i]!
    if (p.start >= g.end && p.start - g.end < 80 && LOCATIVE_GAP.test(norm.slice(g.end, p.start))) return i
  }
  let best = -1
  for (let i = 0; i < places.length; i++) if (places[i]!.end <= g.start) best = i
  return best >= 0 ? best : 0
}

const VAGUE_TIME = /\b(?:over|in|during)\s+the\s+(?:past|last|first|second|previous)\s+(?:few\s+)?(?:days|weeks?|months?)|\bthis\s+(?:month|week|year)\b|\brecent\s+(?:days|weeks|months)\b|\bearlier\s+this\s+(?:month|year)\b|\bin\s+recent\b|\bsince\s+the\s+(?:start|beginning)\b/i

const PERFECT = /\b(?:have|has)\s+(?:\w+\s+)?(?:beheaded|killed|seized|executed|struck|bombed|shelled|taken|captured|stormed|been\s+killed)\b/i

function setDate(d: Draft, own: DateMention | null, fallback: number | null = null, fromPub = false): void {
  if (own && own.day !== null) {
    d.date = own.day
    d.dateEnd = own.kind === 'range' ? own.dayEnd : null
    d.dateSpan = { start: own.start, end: own.end }
    d.evidence.push({ field: 'date', start: own.start, end: own.end })
  } else {
    // "over the past days", "for the third time this month": the text says the day is not known
    d.date = VAGUE_TIME.test(d.text) || (fromPub && PERFECT.test(d.text)) ? null : fallback
  }
}

function fill(d: Draft, norm: string, s: Sentence, groups: CasualtyGroup[], weaponsIn: Valued<Weapon>[], targets: Valued<Target>[], perp: Valued<Perpetrator> | null, reporters: Valued<string>[], ctx: Context, lowerBound: boolean, span?: Span): void {
  let weapons = weaponsIn
  addCasualties(d, groups, lowerBound)
  if (weapons.length === 0 && ctx.paraWeapons && ctx.paraWeapons.para === s.para) weapons = ctx.paraWeapons.list
  if (d.killed === null && NO_CASUALTIES.test(span ? norm.slice(span.start, span.end + 40) : norm.slice(s.start, s.end))) d.killed = { min: 0, max: 0 }
  d.weapons = [...weapons]
  // in a sentence told place by place, a target belongs to the place it is next to
  d.targets = span ? targets.filter((t) => t.start >= span.start - 40 && t.end <= span.end + 40) : [...targets]
  if (perp) d.perp = { ...perp, fromContext: false }
  else if (ctx.paraPerp && ctx.paraPerp.para === s.para) d.perp = { ...ctx.paraPerp, fromContext: true }
  else leadContext(d, norm, span ?? s, ctx)
  d.reporters = reporters.length > 0 ? [...reporters] : ctx.paraReporters && ctx.paraReporters.para === s.para ? [...ctx.paraReporters.list] : []
  const famText = span ? norm.slice(span.start, span.end) : norm.slice(s.start, s.end)
  if (d.targets.length === 0 && FAMILY_RE.test(famText) && groups.some((g) => g.kind === 'killed' || g.kind === 'injured')) {
    const m = FAMILY_RE.exec(famText)!
    const start = (span ? span.start : s.start) + m.index
    d.targets.push({ value: 'residential', start, end: start + m[0].length, weight: 0 })
  }
}

/** An attack by means the lead already told: "raids also hit X", "a strike on a street", or no means at all. */
const LEAD_MEANS = /\b(?:raids?|strikes?|struck|bomb(?:ed|ing|ings|ardment)?|warplanes?|jets?|aircraft|planes?)\b/i

/**
 * A report leads with who attacked and how ("Russian warplanes bombed ..."), then tells the
 * places one by one without repeating it: an attack that names no attacker of its own takes the
 * lead's, when the lead names exactly one and the means agree (or are not stated again).
 */
function leadContext(d: Draft, norm: string, span: Span, ctx: Context): void {
  const lead = ctx.lead
  if (!lead || lead.para === d.para) return
  const values = new Set(lead.perps.map((p) => p.value))
  if (values.size !== 1) return
  const str = norm.slice(span.start, span.end)
  const means = new Set(d.weapons.map((w) => w.value))
  const leadMeans = new Set(lead.weapons.map((w) => w.value))
  if (means.size === 0) {
    d.perp = { ...lead.perps[0]!, fromContext: true }
    // one means (or one class: helicopters and their barrel bombs) in the lead is the means of the attacks it sums up; several leave it open
    const delivered = [...leadMeans].filter((w) => w !== 'cluster_munition')
    if (leadMeans.size === 1 || delivered.every((w) => AIR_MEANS.has(w)) || delivered.every((w) => GROUND_MEANS.has(w))) d.weapons = [...lead.weapons]
    return
  }
  if ([...means].some((w) => leadMeans.has(w)) && LEAD_MEANS.test(str)) d.perp = { ...lead.perps[0]!, fromContext: true }
}

function obligationText(norm: string, s: Sentence, d: DateMention): string {
  const str = norm.slice(s.start, s.end)
  const rel = d.start - s.start
  const cuts = [...str.matchAll(/,\s*(?:and|while|but)\s+|;\s*|,\s+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }))
  let from = 0
  let to = str.length
  for (const c of cuts) {
    if (c.end <= rel) from = c.end
    else if (c.start >= d.end - s.start) { to = c.start; break }
  }
  const clause = str.slice(from, to)
  return clause.replace(norm.slice(d.start, d.end), '').replace(/\s+(?:by|before|until)\s*$/i, '').replace(/\s+(?:by|before|until)\s+(?=[.,;]|$)/i, '').replace(/\s{2,}/g, ' ').replace(/['"‘’“”]/g, '').replace(/[\s.,;]+$/, '').trim()
}

function protest(text: string, norm: string, s: Sentence, own: DateMention | null, ctx: Context, drafts: Draft[], services: PlaceServices, reporters: Valued<string>[]): void {
  const last = drafts[drafts.length - 1]
  // the same demonstrations told on: one protest event gathering the places named
  if (last && last.kind === 'protest' && (last.para === s.para || own === null || own.day === last.date)) {
    for (const p of readPlaces(services, text, norm, s.start, s.end, ctx.places)) if ((p.role === 'primary' || p.admin) && !last.places.some((q) => samePlace(p, q))) last.places.push(p)
    last.evidence.push({ field: 'protest', start: s.start, end: s.end })
    mergeValued(last.reporters, reporters)
    return
  }
  const d = newDraft(s.para, norm.slice(s.start, s.end))
  d.kind = 'protest'
  d.eventType = 'Protests'
  d.subEventType = 'Peaceful protest'
  setDate(d, own, ctx.lastDay ?? ctx.pubDay)
  d.places = readPlaces(services, text, norm, s.start, s.end, ctx.places).filter((p) => p.role === 'primary' || p.admin)
  d.reporters = reporters
  d.evidence.push({ field: 'protest', start: s.start, end: s.end })
  drafts.push(d)
}

function aidAccess(text: string, norm: string, s: Sentence, own: DateMention | null, ctx: Context, drafts: Draft[], services: PlaceServices, reporters: Valued<string>[]): void {
  if (sameKindAsLast(drafts, 'aid_access', own, s, reporters)) return
  const d = newDraft(s.para, norm.slice(s.start, s.end))
  d.kind = 'aid_access'
  d.eventType = 'Strategic developments'
  d.subEventType = 'Other'
  setDate(d, own, ctx.lastDay ?? ctx.pubDay)
  d.places = readPlaces(services, text, norm, s.start, s.end, ctx.places).filter((p) => p.role === 'primary' || p.admin)
  const parties = PARTY_TERMS.filter(([, re]) => re.test(norm.slice(s.start, s.end))).map(([p]) => p)
  d.details = { parties, what: norm.slice(s.start, s.end) }
  d.reporters = reporters
  d.evidence.push({ field: 'aid_access', start: s.start, end: s.end })
  drafts.push(d)
}

/** A second sentence about the same decision or the same compliance adds to it, stating its day if the first did not. */
function sameKindAsLast(drafts: Draft[], kind: string, own: DateMention | null, s: Sentence, reporters: Valued<string>[]): boolean {
  const last = drafts[drafts.length - 1]
  if (!last || last.kind !== kind) return false
  if (own && own.day !== null && last.dateSpan === null) setDate(last, own)
  last.evidence.push({ field: kind, start: s.start, end: s.end })
  mergeValued(last.reporters, reporters)
  return true
}

function compliance(text: string, norm: string, s: Sentence, own: DateMention | null, ctx: Context, drafts: Draft[], services: PlaceServices, reporters: Valued<string>[], broken: boolean): void {
  if (sameKindAsLast(drafts, broken ? 'non_compliance' : 'compliance', own, s, reporters)) return
  const d = newDraft(s.para, norm.slice(s.start, s.end))
  d.kind = broken ? 'non_compliance' : 'compliance'
  d.eventType = 'Strategic developments'
  d.subEventType = 'Other'
  setDate(d, own, ctx.pubDay ?? ctx.lastDay)
  d.places = readPlaces(services, text, norm, s.start, s.end, ctx.places).filter((p) => p.role === 'primary' || p.admin)
  d.details = { what: norm.slice(s.start, s.end), agreement: ctx.agreement?.date != null ? isoOf(ctx.agreement.date) : null }
  d.reporters = reporters
  d.evidence.push({ field: d.kind, start: s.start, end: s.end })
  drafts.push(d)
}

const AIR_WEAPONS = new Set<Weapon>(['airstrike', 'barrel_bomb', 'drone'])

/** ACLED event and sub-event types from the means of attack. */
export function acledTypes(weapons: Weapon[], text: string): { event_type: string; sub_event_type: string } {
  const has = (w: Weapon): boolean => weapons.includes(w)
  const ex = 'Explosions/Remote violence'
  if (has('chemical')) return { event_type: ex, sub_event_type: 'Chemical weapon' }
  if (weapons.some((w) => AIR_WEAPONS.has(w))) return { event_type: ex, sub_event_type: 'Air/drone strike' }
  if (has('cluster_munition')) return { event_type: ex, sub_event_type: has('rocket_missile') || has('shelling_artillery') ? 'Shelling/artillery/missile attack' : 'Air/drone strike' }
  if (has('shelling_artillery') || has('rocket_missile')) return { event_type: ex, sub_event_type: 'Shelling/artillery/missile attack' }
  if (has('ied_car_bomb')) return { event_type: ex, sub_event_type: /\bsuicide\b/i.test(text) ? 'Suicide bomb' : 'Remote explosive/landmine/IED' }
  if (/\b(?:clash(?:es|ed)?|fighting|battles?|firefights?|exchanged\s+fire|stormed|took\s+(?:full\s+)?control)\b/i.test(text)) return { event_type: 'Battles', sub_event_type: 'Armed clash' }
  return { event_type: 'Violence against civilians', sub_event_type: 'Attack' }
}

function toEvent(d: Draft, norm: string): ExtractedEvent {
  const weapons = [...d.weapons].sort((a, b) => b.weight - a.weight || WEAPON_ORDER.indexOf(a.value) - WEAPON_ORDER.indexOf(b.value))
  let weaponList = [...new Set(weapons.map((w) => w.value))]
  if (!d.kind && weaponList.length === 0 && /\bbomb(?:ed|ing|ings|ardment)\b|\bair\b|\braids?\b|\bstrikes?\b/i.test(d.text)) weaponList = ['airstrike']
  // missiles fired by warplanes: an air strike whose means include missiles
  if (!d.kind && weaponList[0] === 'rocket_missile' && /\b(?:warplanes?|jets?|aircraft|planes?|helicopters?|air\s*strikes?|air\s+raids?|drones?)\b/i.test(d.text)) weaponList = ['airstrike', ...weaponList.filter((w) => w !== 'airstrike')]
  let perp: Perpetrator = d.perp?.value ?? 'unknown'
  if (!d.kind && perp === 'unknown' && (weaponList.includes('barrel_bomb') || /\bhelicopters?\b/i.test(d.text))) perp = 'syrian_government'
  // Russia did not drop barrel bombs: an attacker carried over from another sentence yields to the weapon
  if (!d.kind && d.perp?.fromContext && perp === 'russia' && weaponList[0] === 'barrel_bomb') perp = 'syrian_government'
  if (d.kind === 'agreement') {
    const first = (d.details?.parties as string[] | undefined)?.[0]
    perp = first === 'russia' || first === 'turkey' || first === 'syrian_government' || first === 'opposition' || first === 'sdf_ypg' ? first : 'unknown'
  }
  const types = d.kind ? { event_type: d.eventType!, sub_event_type: d.subEventType! } : acledTypes(weaponList, d.text)
  // fighting between armed groups: the target is the other side's forces
  const targetList = [...new Set(d.targets.map((t) => t.value))]
  if (!d.kind && types.sub_event_type === 'Armed clash' && targetList.length === 0) targetList.push('military')
  const evidence = [...d.evidence]
  if (d.perp) evidence.push({ field: 'perpetrator', start: d.perp.start, end: d.perp.end })
  for (const w of weapons) evidence.push({ field: 'weapon', start: w.start, end: w.end })
  for (const t of d.targets) evidence.push({ field: 'targets', start: t.start, end: t.end })
  for (const r of d.reporters) evidence.push({ field: 'reported_by', start: r.start, end: r.end })
  let confidence = 0.4
  if (d.date !== null) confidence += 0.1
  if (d.places.some((p) => p.lat !== null)) confidence += 0.15
  if (d.perp && !d.perp.fromContext) confidence += 0.1
  if (d.killed || d.injured) confidence += 0.1
  if (d.reporters.length > 0) confidence += 0.1
  const ev: ExtractedEvent = {
    date: d.date === null ? null : isoOf(d.date),
    date_end: d.dateEnd === null ? null : isoOf(d.dateEnd),
    event_type: types.event_type,
    sub_event_type: types.sub_event_type,
    perpetrator: perp,
    weapon: weaponList[0] ?? 'unknown',
    weapons: weaponList,
    targets: targetList,
    places: d.places.map((p) => {
      const place: ExtractedEvent['places'][number] = { text: p.text, lat: p.lat === null ? null : round(p.lat), lon: p.lon === null ? null : round(p.lon), admin1: p.admin1, precision: p.precision, place_id: p.cand?.id ?? null, admin2: p.admin2 }
      if (p.near !== undefined) place.near = p.near
      return place
    }),
    killed: d.killed,
    injured: d.injured,
    children_killed: d.children,
    victims: d.victims.map((v) => ({ name: v.name })),
    reported_by: [...new Set(d.reporters.map((r) => r.value))],
    evidence: evidence.filter((e) => e.end > e.start && e.end <= norm.length).sort((a, b) => a.start - b.start),
    confidence: Math.min(0.95, Math.round(confidence * 100) / 100),
  }
  if (d.women) ev.women_killed = d.women
  if (d.kind) ev.kind = d.kind
  if (d.details) ev.details = d.details
  return ev
}

const WEAPON_ORDER: Weapon[] = ['chemical', 'cluster_munition', 'barrel_bomb', 'ied_car_bomb', 'drone', 'rocket_missile', 'shelling_artillery', 'airstrike', 'small_arms', 'unknown']
const round = (x: number): number => Math.round(x * 1e5) / 1e5

export type { ExtractGeocoder }
