/**
 * `npm run eval:extract`: scores the extractor on the labelled reports (test/labelled/extract.jsonl)
 * and, when present, on the seed article's reference reading (../shared/seed/*.gold.json, whose
 * `accept` alternatives count as right). Events are matched greedily, predicted to expected, by
 * date within a day and a place within 10 km or of the same name; then each field is scored on
 * the matched pairs. `--verbose` prints every miss.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { defaultGeocoder, extract, placeServices } from '../src/extract/index.ts'
import type { ExtractedEvent } from '../src/domain/index.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const verbose = process.argv.includes('--verbose')
const LABELLED = join(root, 'test/labelled/extract.jsonl')
const SEED = join(root, '../shared/seed/idlib-pocket-autumn-2018')

interface Expected {
  date: string | null
  date_end?: string | null
  sub_event_type?: string
  perpetrator: string
  weapon: string
  targets: string[]
  places: { text: string; lat: number | null; lon: number | null }[]
  killed: { min: number | null; max: number | null } | null
  injured: { min: number | null; max: number | null } | null
  kind?: string
  accept?: Record<string, unknown[]>
}
interface Item { id: string; text: string; published: string | null; events: Expected[] }

const items: Item[] = []
if (existsSync(LABELLED)) {
  for (const line of readFileSync(LABELLED, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const r = JSON.parse(line) as Item
    items.push({ id: r.id, text: r.text, published: r.published, events: r.events })
  }
}
if (existsSync(`${SEED}.txt`)) {
  const gold = JSON.parse(readFileSync(`${SEED}.gold.json`, 'utf8')) as { published: string; events: Expected[] }
  items.push({ id: 'seed', text: readFileSync(`${SEED}.txt`, 'utf8'), published: gold.published, events: gold.events })
}
if (items.length === 0) {
  console.error(`Cannot evaluate: no labelled reports at ${LABELLED}`)
  process.exit(1)
}

const services = placeServices(defaultGeocoder())
const dayOf = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 86400000
function km(a: { lat: number | null; lon: number | null }, b: { lat: number | null; lon: number | null }): number {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return Infinity
  const dLat = (a.lat - b.lat) * 111.2
  const dLon = (a.lon - b.lon) * 111.2 * Math.cos((a.lat * Math.PI) / 180)
  return Math.hypot(dLat, dLon)
}
const fold = (s: string): string => s.toLowerCase().replace(/[’'`-]/g, '').replace(/\b(?:al|el)\s*/g, '').replace(/\s+/g, '')
function placeMatch(p: ExtractedEvent, e: Expected, limitKm: number): boolean {
  if (e.places.length === 0 && p.places.length === 0) return true
  for (const a of p.places) for (const b of e.places) if (km(a, b) <= limitKm || fold(a.text) === fold(b.text)) return true
  return false
}
function dateMatch(p: ExtractedEvent, e: Expected): boolean {
  if (e.date === null || p.date === null) return e.date === p.date
  return Math.abs(dayOf(p.date) - dayOf(e.date)) <= 1
}
const rangeEq = (a: { min: number | null; max: number | null } | null, b: { min: number | null; max: number | null } | null): boolean =>
  (a?.min ?? null) === (b?.min ?? null) && (a?.max ?? null) === (b?.max ?? null)
const ok = (e: Expected, field: string, value: unknown, expected: unknown): boolean =>
  JSON.stringify(value) === JSON.stringify(expected) || (e.accept?.[field]?.some((x) => JSON.stringify(x) === JSON.stringify(value)) ?? false)

const fields = ['date', 'killed', 'injured', 'place', 'perpetrator', 'weapon', 'targets'] as const
const right: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]))
let tp = 0
let fp = 0
let fn = 0
const started = performance.now()
for (const item of items) {
  const predicted = extract(item.text, { published: item.published, ...services }).events.filter((e) => e.kind === undefined)
  const expected = item.events.filter((e) => e.kind === undefined)
  const used = new Set<number>()
  for (const e of expected) {
    // the closest admissible prediction: same place name first, then nearest, then nearest day
    let idx = -1
    let bestCost = Infinity
    predicted.forEach((p, i) => {
      if (used.has(i) || !dateMatch(p, e) || !placeMatch(p, e, 10)) return
      let d = Infinity
      for (const a of p.places) for (const b of e.places) d = Math.min(d, fold(a.text) === fold(b.text) ? 0 : km(a, b))
      if (e.places.length === 0) d = 0
      const cost = d + (p.date === e.date ? 0 : 0.5)
      if (cost < bestCost) { bestCost = cost; idx = i }
    })
    if (idx < 0) {
      fn++
      if (verbose) console.log(`MISS ${item.id}: expected ${e.date} ${e.places.map((p) => p.text).join('/')} ${e.perpetrator}; got ${predicted.map((p) => `${p.date} ${p.places.map((q) => q.text).join('/')}`).join(' | ') || 'nothing'}`)
      continue
    }
    used.add(idx)
    tp++
    const p = predicted[idx]!
    const checks: Record<(typeof fields)[number], boolean> = {
      date: p.date === e.date,
      killed: rangeEq(p.killed, e.killed),
      injured: rangeEq(p.injured, e.injured),
      place: e.places.length === 0 ? p.places.length === 0 : placeMatch(p, { ...e, places: e.places.filter((x) => x.lat !== null) }, 5),
      perpetrator: ok(e, 'perpetrator', p.perpetrator, e.perpetrator),
      weapon: ok(e, 'weapon', p.weapon, e.weapon),
      targets: ok(e, 'targets', [...p.targets].sort(), [...e.targets].sort()),
    }
    if (e.places.length > 0 && e.places.every((x) => x.lat === null)) checks.place = placeMatch(p, e, 5)
    for (const f of fields) {
      if (checks[f]) right[f]!++
      else if (verbose) {
        const got = { date: p.date, killed: p.killed, injured: p.injured, place: p.places.map((q) => `${q.text}@${q.lat},${q.lon}`), perpetrator: p.perpetrator, weapon: p.weapon, targets: p.targets }[f]
        const want = { date: e.date, killed: e.killed, injured: e.injured, place: e.places.map((q) => `${q.text}@${q.lat},${q.lon}`), perpetrator: e.perpetrator, weapon: e.weapon, targets: e.targets }[f]
        console.log(`FIELD ${item.id} ${f}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`)
      }
    }
  }
  for (let i = 0; i < predicted.length; i++) {
    if (used.has(i)) continue
    fp++
    const p = predicted[i]!
    if (verbose) console.log(`EXTRA ${item.id}: ${p.date} ${p.places.map((q) => q.text).join('/')} ${p.perpetrator} ${p.sub_event_type}`)
  }
}
const precision = tp / Math.max(1, tp + fp)
const recall = tp / Math.max(1, tp + fn)
const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall)
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
console.log(`extract eval: ${items.length} reports, ${tp + fn} expected attack events, ${tp + fp} predicted (${((performance.now() - started) / items.length).toFixed(2)} ms/report)`)
console.log(`events: precision ${pct(precision)}  recall ${pct(recall)}  F1 ${f1.toFixed(3)}   (target F1 >= 0.90)`)
for (const f of fields) console.log(`  ${f.padEnd(12)} ${pct(right[f]! / Math.max(1, tp))}${['date', 'killed', 'place', 'perpetrator'].includes(f) ? '   (target >= 90%)' : ''}`)
