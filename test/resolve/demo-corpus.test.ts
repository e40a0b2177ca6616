/**
 * The demo corpus (demo/idlib-2018) resolved end to end: ingest, extract, geocode, resolve.
 * The expectations (expected-incidents.json) were written by the content engineer. Each
 * stored claim is labelled with the expected incident it tells (same file, overlapping
 * dates, a place within 3 km or of the same name, compatible perpetrator and means), so
 * that resolution is scored on what extraction delivered: pairwise precision and recall
 * over labelled claims, and the README's deliberate near misses never merged.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { freshPglite } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import { ingestPaths } from '../../src/ingest/index.ts'
import { runPipeline } from '../../src/pipeline.ts'
import { areaKey, claimFromEvent, listIncidents, perpetratorRelation, weaponClass, type Claim } from '../../src/resolve/index.ts'
import type { Perpetrator, Weapon } from '../../src/domain/index.ts'
import { pairwise } from '../../scripts/eval-resolve.ts'

const DEMO = new URL('../../demo/idlib-2018/', import.meta.url).pathname
interface Expected { key: string; date: string; date_end: string | null; place: string; lat: number; lon: number; perpetrator: Perpetrator; weapon: Weapon; files: string[] }
const expected = JSON.parse(readFileSync(join(DEMO, 'expected-incidents.json'), 'utf8')) as Expected[]

const NEAR_MISSES: [string, string][] = [
  ['abdin-2018-09-07', 'abdin-barrel-bombs-2018-09-09'],
  ['lataminah-barrel-bomb-2018-09-08', 'latamneh-russian-raids-2018-09-09'],
  ['latamneh-russian-raids-2018-09-09', 'kafr-zita-russian-raids-2018-09-09'],
  ['hbit-barrel-bombs-2018-09-09', 'abdin-barrel-bombs-2018-09-09'],
  ['khan-sheikhoun-airstrike-2018-09-07', 'khan-sheikhoun-rescuers-shelling-2018-09-07'],
  ['raffa-shelling-2018-10-26', 'jarjanaz-shelling-2018-10-26'],
  ['southern-idlib-13-attacks-2018-09-07', 'abdin-2018-09-07'],
  ['southern-idlib-13-attacks-2018-09-07', 'hass-hospital-2018-09-08'],
  ['southern-idlib-13-attacks-2018-09-07', 'hbit-barrel-bombs-2018-09-09'],
]

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const x = (b.lon - a.lon) * Math.cos(((a.lat + b.lat) / 2) * Math.PI / 180) * 111.32
  return Math.hypot(x, (b.lat - a.lat) * 110.57)
}

/** The expected incident a claim tells, or undefined when extraction gave nothing recognisable. */
export function labelOf(claim: Claim, file: string): string | undefined {
  if (!claim.date) return undefined
  const start = claim.date, end = claim.date_end ?? claim.date
  const fits = expected.filter((e) => {
    if (!e.files.includes(file)) return false
    if (start > (e.date_end ?? e.date) || end < e.date) return false
    const multiDay = (claim.date_end ?? claim.date) !== claim.date
    if (multiDay !== (e.date_end !== null)) return false
    return claim.places.some((p) => (p.lat !== null && p.lon !== null && km({ lat: p.lat, lon: p.lon }, e) <= 3) || areaKey(p.name) === areaKey(e.place))
  })
  if (fits.length <= 1) return fits[0]?.key
  // Same file, day and place: the perpetrator and the means tell them apart (Khan Sheikhoun).
  const compatible = fits.filter((e) => perpetratorRelation(claim.perpetrator, e.perpetrator) !== 'opposed'
    && !(weaponClass(claim.weapon) !== 'any' && weaponClass(e.weapon) !== 'any' && weaponClass(claim.weapon) !== weaponClass(e.weapon)))
  return compatible.length === 1 ? compatible[0]!.key : undefined
}

describe('the demo corpus resolves to the incidents it describes', () => {
  let store: Store
  let home: string
  const labels = new Map<string, string>()
  let predicted: { report_ids: string[] }[] = []
  before(async () => {
    store = await freshPglite()
    home = mkdtempSync(join(tmpdir(), 'hw-demo-resolve-'))
    await ingestPaths(store, home, [DEMO])
    await runPipeline(store)
    const rows = await store.db.selectFrom('reports as r').innerJoin('sources as s', 's.id', 'r.source_id')
      .select(['r.id', 'r.source_id', 'r.event', 's.origin', 's.outlet', 's.published', 'r.incident_id']).execute()
    for (const r of rows) {
      const event = (typeof r.event === 'string' ? JSON.parse(r.event) : r.event) as Record<string, unknown>
      const label = labelOf(claimFromEvent(r.id, r.source_id, event, { outlet: r.outlet, published: r.published }), basename(r.origin))
      if (label) labels.set(r.id, label)
    }
    const { items } = await listIncidents(store.db, { limit: 10000 })
    predicted = items.map((i) => ({ report_ids: i.report_ids.filter((id) => labels.has(id)) })).filter((i) => i.report_ids.length > 0)
  })
  after(async () => {
    await store.close()
    rmSync(home, { recursive: true, force: true })
  })

  it('recognises claims of most expected incidents', () => {
    const covered = new Set(labels.values())
    assert.ok(covered.size >= 14, `only ${covered.size} of ${expected.length} expected incidents have a recognisable claim: ${expected.filter((e) => !covered.has(e.key)).map((e) => e.key).join(', ')}`)
  })

  it('groups the claims of each incident and keeps different incidents apart', (t) => {
    const r = pairwise(predicted, labels)
    t.diagnostic(`demo corpus: ${r.claims} labelled claims of ${r.incidents} incidents; pairwise precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}, F1 ${r.f1.toFixed(3)}`)
    const detail = r.falseMerges.map(([a, b]) => `${labels.get(a)} + ${labels.get(b)}`).concat(r.missedMerges.map(([a, b]) => `${labels.get(a)} / ${labels.get(b)}`))
    assert.ok(r.precision >= 0.9, `pairwise precision ${r.precision.toFixed(3)}: ${detail.slice(0, 12).join('; ')}`)
    assert.ok(r.recall >= 0.7, `pairwise recall ${r.recall.toFixed(3)}: ${detail.slice(0, 12).join('; ')}`)
  })

  it('never merges the deliberate near misses', () => {
    for (const inc of predicted) {
      const keys = new Set(inc.report_ids.map((id) => labels.get(id)))
      for (const [a, b] of NEAR_MISSES) assert.ok(!(keys.has(a) && keys.has(b)), `${a} merged with ${b}`)
    }
  })
})
