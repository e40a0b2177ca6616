/**
 * Keeps the labelled extraction set (test/labelled/extract.jsonl) honest: every line must parse with the
 * domain's own schemas and enums, dates and coordinates must be possible, every labelled place and victim
 * must be written in the text it labels, and the set as a whole must keep covering every value of the
 * public contract. Without this a typo in a hand-written label would silently lower (or raise) the
 * extractor's measured accuracy.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { ExtractedEvent, EventPlace, IsoDate, PERPETRATORS, TARGETS, WEAPONS } from '../../src/domain/index.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const SET = `${here}extract.jsonl`
const GAZETTEER = `${here}../../../shared/data/gazetteer/syria_gazetteer.tsv`

/** Governorate names the set uses for `admin1` (OCHA/OpenSyria English), with their centroids for precision 3. */
const GOVERNORATES: Record<string, [number, number]> = {
  'Idlib': [35.76667, 36.66667], 'Hama': [35.23333, 37.2], 'Aleppo': [36.25, 37.61667], 'Latakia': [35.56667, 36.03333],
  'Daraa': [32.85, 36.21667], 'Raqqa': [36.0, 38.93333], 'Deir ez-Zor': [35.16667, 40.28333], 'Homs': [34.46667, 38.3],
  'Rif Dimashq': [33.5, 37.38333], 'Damascus': [33.51667, 36.28333], 'Al-Hasakah': [36.51667, 40.9],
  'Quneitra': [33.03333, 35.78333], 'Tartus': [34.92504, 36.01652], 'As-Suwayda': [32.76667, 36.85],
}
const STYLES = ['snhr', 'sohr', 'white_helmets', 'wire', 'ngo', 'local', 'un'] as const
/** ACLED event types and the sub-event types the set may use under each. */
const ACLED: Record<string, string[]> = {
  'Explosions/Remote violence': ['Air/drone strike', 'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED',
    'Chemical weapon', 'Suicide bomb', 'Grenade'],
  'Violence against civilians': ['Attack', 'Abduction/forced disappearance'],
  'Battles': ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Protests': ['Peaceful protest', 'Protest with intervention'],
  'Strategic developments': ['Agreement', 'Arrests', 'Change to group/activity', 'Other'],
}
const SYRIA_BBOX = { west: 35.7, east: 42.4, south: 32.3, north: 37.4 }

const LabelledPlace = EventPlace.extend({ text: z.string().min(1) })
const LabelledEvent = ExtractedEvent.omit({ evidence: true, confidence: true }).extend({
  places: z.array(LabelledPlace),
  reported_by: z.array(z.string().min(1)),
}).strict()
const LabelledLine = z.object({
  id: z.string().regex(/^lx-\d{3}$/),
  style: z.enum(STYLES),
  published: IsoDate,
  lang: z.enum(['en', 'ar']),
  text: z.string().min(20),
  events: z.array(LabelledEvent),
  note: z.string().optional(),
}).strict()
type LabelledLine = z.infer<typeof LabelledLine>

const lines = readFileSync(SET, 'utf8').split('\n').filter((l) => l.trim() !== '')
const parsed: LabelledLine[] = []
const parseErrors: string[] = []
for (const [i, raw] of lines.entries()) {
  let json: unknown
  try { json = JSON.parse(raw) } catch (e) { parseErrors.push(`line ${i + 1}: not JSON (${(e as Error).message})`); continue }
  const r = LabelledLine.safeParse(json)
  if (r.success) parsed.push(r.data)
  else parseErrors.push(`line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`)
}

function realDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`)
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d
}
const ARABIC = /[\u0600-\u06FF]/

describe('labelled extraction set', () => {
  it('parses every line with the domain schemas and enums', () => {
    assert.deepEqual(parseErrors, [])
    assert.ok(parsed.length >= 200, `expected at least 200 labelled reports, found ${parsed.length}`)
  })

  it('has unique ids', () => {
    const seen = new Set<string>()
    const dup = parsed.filter((l) => (seen.has(l.id) ? true : (seen.add(l.id), false))).map((l) => l.id)
    assert.deepEqual(dup, [])
  })

  it('has real dates, events no later than publication, ranges in order, within 2011-2020', () => {
    const bad: string[] = []
    for (const l of parsed) {
      if (!realDate(l.published) || l.published < '2011-03-01' || l.published > '2020-12-31') bad.push(`${l.id} published ${l.published}`)
      for (const e of l.events) {
        if (e.date !== null && (!realDate(e.date) || e.date > l.published)) bad.push(`${l.id} date ${e.date}`)
        if (e.date_end !== null && (e.date === null || !realDate(e.date_end) || e.date_end < e.date || e.date_end > l.published)) bad.push(`${l.id} date_end ${e.date_end}`)
      }
    }
    assert.deepEqual(bad, [])
  })

  it('places coordinates inside Syria, with a known governorate, centroids for precision 3', () => {
    const bad: string[] = []
    for (const l of parsed) for (const e of l.events) for (const p of e.places) {
      if (p.admin1 === null || !(p.admin1 in GOVERNORATES)) bad.push(`${l.id} ${p.text}: admin1 ${p.admin1}`)
      if ((p.lat === null) !== (p.lon === null)) bad.push(`${l.id} ${p.text}: only one of lat/lon`)
      if (p.lat !== null && p.lon !== null) {
        if (p.lon < SYRIA_BBOX.west || p.lon > SYRIA_BBOX.east || p.lat < SYRIA_BBOX.south || p.lat > SYRIA_BBOX.north) bad.push(`${l.id} ${p.text}: ${p.lat},${p.lon} outside Syria`)
        const c = p.admin1 !== null ? GOVERNORATES[p.admin1] : undefined
        if (p.precision === 3 && c !== undefined && (Math.abs(c[0] - p.lat) > 1e-4 || Math.abs(c[1] - p.lon) > 1e-4)) bad.push(`${l.id} ${p.text}: precision 3 but not the ${p.admin1} centroid`)
      }
    }
    assert.deepEqual(bad, [])
  })

  it('takes precision 1 and 2 coordinates from the OCHA gazetteer when ../shared is present', (t) => {
    if (!existsSync(GAZETTEER)) { t.diagnostic(`gazetteer not found at ${GAZETTEER}; coordinate provenance not checked`); return }
    const points = readFileSync(GAZETTEER, 'utf8').split('\n').slice(1).map((r) => r.split('\t'))
      .filter((c) => c[4] !== undefined && c[4] !== '' && c[5] !== undefined && c[5] !== '').map((c) => [Number(c[4]), Number(c[5])] as const)
    const bad: string[] = []
    for (const l of parsed) for (const e of l.events) for (const p of e.places) {
      if (p.precision === 3 || p.lat === null || p.lon === null) continue
      if (!points.some(([la, lo]) => Math.abs(la - p.lat!) < 1e-4 && Math.abs(lo - p.lon!) < 1e-4)) bad.push(`${l.id} ${p.text} ${p.lat},${p.lon}`)
    }
    assert.deepEqual(bad, [])
  })

  it('labels only what the text says: place and victim names appear in the text', () => {
    const bad: string[] = []
    for (const l of parsed) for (const e of l.events) {
      for (const p of e.places) if (!l.text.includes(p.text)) bad.push(`${l.id}: place "${p.text}" not in text`)
      for (const v of e.victims) if (!l.text.includes(v.name)) bad.push(`${l.id}: victim "${v.name}" not in text`)
    }
    assert.deepEqual(bad, [])
  })

  it('keeps fields consistent: weapon among weapons, ranges ordered, ACLED type pairs', () => {
    const bad: string[] = []
    const ordered = (r: { min: number | null; max: number | null } | null) => r === null || r.min === null || r.max === null || r.min <= r.max
    for (const l of parsed) for (const e of l.events) {
      if (!e.weapons.includes(e.weapon)) bad.push(`${l.id}: weapon ${e.weapon} not in weapons`)
      if (!ordered(e.killed) || !ordered(e.injured) || !ordered(e.children_killed)) bad.push(`${l.id}: min > max`)
      if (e.killed?.max != null && e.children_killed?.min != null && e.children_killed.min > e.killed.max) bad.push(`${l.id}: more children killed than killed`)
      if (!(ACLED[e.event_type] ?? []).includes(e.sub_event_type)) bad.push(`${l.id}: ${e.event_type} / ${e.sub_event_type}`)
      if (e.event_type === 'Explosions/Remote violence' && e.places.length === 0) bad.push(`${l.id}: attack without a place`)
    }
    assert.deepEqual(bad, [])
  })

  it('covers every perpetrator, weapon and target of the contract', () => {
    const perps = new Set<string>(), weapons = new Set<string>(), targets = new Set<string>()
    for (const l of parsed) for (const e of l.events) {
      perps.add(e.perpetrator); for (const w of e.weapons) weapons.add(w); for (const t of e.targets) targets.add(t)
    }
    assert.deepEqual(PERPETRATORS.filter((p) => !perps.has(p)), [], 'perpetrators never labelled')
    assert.deepEqual(WEAPONS.filter((w) => !weapons.has(w)), [], 'weapons never labelled')
    assert.deepEqual(TARGETS.filter((t) => !targets.has(t)), [], 'targets never labelled')
  })

  it('covers the hard cases the extractor is measured on', () => {
    const count = (f: (l: LabelledLine) => boolean) => parsed.filter(f).length
    const minimums: Array<[string, number, number]> = [
      ['fully Arabic reports', count((l) => l.lang === 'ar'), 6],
      ['English reports with Arabic script inline', count((l) => l.lang === 'en' && ARABIC.test(l.text)), 10],
      ['reports with no event', count((l) => l.events.length === 0), 10],
      ['reports with two or more events', count((l) => l.events.length >= 2), 15],
      ['events with a date range', count((l) => l.events.some((e) => e.date_end !== null)), 5],
      ['events with several places and one figure', count((l) => l.events.some((e) => e.places.length >= 2 && e.killed !== null)), 5],
      ['open-ended tolls ("at least")', count((l) => l.events.some((e) => e.killed !== null && e.killed.min !== null && e.killed.max === null)), 15],
      ['agreements', count((l) => l.events.some((e) => e.sub_event_type === 'Agreement')), 3],
      ['protests', count((l) => l.events.some((e) => e.event_type === 'Protests')), 3],
      ['named victims', count((l) => l.events.some((e) => e.victims.length > 0)), 5],
    ]
    for (const s of STYLES) minimums.push([`style ${s}`, count((l) => l.style === s), s === 'un' ? 3 : 15])
    const short = minimums.filter(([, n, min]) => n < min).map(([what, n, min]) => `${what}: ${n} < ${min}`)
    assert.deepEqual(short, [])
  })
})
