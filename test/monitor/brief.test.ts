import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { XMLValidator } from 'fast-xml-parser'
import { freshPglite } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import { addAgreement, loadAgreementFile } from '../../src/monitor/agreements/index.ts'
import { syncSitesFromIncidents } from '../../src/monitor/sites/index.ts'
import {
  briefFigures, collectBrief, loadBoundaries, renderBrief, renderBriefHtml, renderBriefMarkdown, renderMapSvg, type BriefData,
} from '../../src/monitor/brief/index.ts'
import { createApp } from '../../src/api/app.ts'
import { monitorRoutes } from '../../src/api/monitor-routes.ts'
import { command as briefCommand } from '../../src/cli/commands/brief.ts'
import { loadDemoCorpus } from './brief-fixtures.ts'

const DEMO_AGREEMENT = new URL('../../demo/agreements/sochi-2018.json', import.meta.url).pathname
const PERIOD = { from: '2018-09-01', to: '2018-10-15', area: 'Idlib' }

describe('situation brief of the demo period', () => {
  let store: Store
  let data: BriefData
  before(async () => {
    store = await freshPglite()
    await loadDemoCorpus(store.db)
    const a = await loadAgreementFile(DEMO_AGREEMENT)
    assert.ok(a.ok, a.ok ? '' : a.error)
    assert.ok((await addAgreement(store.db, a.value)).ok)
    await syncSitesFromIncidents(store.db)
    data = await collectBrief(store.db, PERIOD)
  })
  after(async () => { await store.close() })

  it('totals the period as ranges over distinct incidents, through the shared filter', () => {
    // 20 incidents in the corpus: 3 in Hama governorate and 2 after 15 October fall outside
    assert.equal(data.totals.incidents, 15)
    assert.deepEqual(data.totals.killed, { min: 28, max: null }, 'two attacks with no toll stated keep the maximum open')
    assert.equal(data.totals.first_date, '2018-09-04')
    assert.equal(data.totals.children_killed.min, 6)
    assert.deepEqual(data.by_perpetrator.map((g) => [g.key, g.incidents]), [['syrian_government', 6], ['russia', 5], ['russia_or_syrian_government', 3], ['unknown', 1]])
    assert.equal(data.by_weapon.reduce((n, g) => n + g.incidents, 0), 15)
  })

  it('lists the attacks on protected sites and the agreement with its deadlines and violations', () => {
    assert.deepEqual(data.protected.by_kind.map((k) => [k.kind, k.incidents]), [['school', 1], ['hospital_medical', 1], ['civil_defence', 2]])
    assert.equal(data.agreements.length, 1)
    const sochi = data.agreements[0]!
    assert.deepEqual(sochi.agreement.obligations.map((o) => o.state), ['met', 'missed', 'pending'])
    // the cluster-munition death in Khan Sheikhoun on 19 September is the one incident in the zone after signing
    assert.deepEqual(sochi.violations.incidents.map((i) => [i.date, i.place]), [['2018-09-19', 'Khan Sheikhoun']])
  })

  it('picks key incidents (highest tolls, protected sites, zone) and cites their sources by number', () => {
    const places = data.key.map((k) => `${k.incident.date} ${k.incident.places[0]?.name}`)
    assert.ok(places.includes('2018-09-07 Hass'), 'the 14 killed by cluster munitions')
    assert.ok(places.includes('2018-09-08 Hass'), 'the hospital')
    assert.ok(places.includes('2018-09-19 Khan Sheikhoun'), 'the attack inside the zone')
    assert.ok(data.key.every((k) => k.cites.length > 0))
    assert.deepEqual(data.citations.map((c) => c.n), data.citations.map((_, i) => i + 1))
    const amnesty = data.citations.find((c) => c.outlet === 'Amnesty International')!
    assert.ok(data.key.find((k) => k.incident.killed.min === 14)!.cites.includes(amnesty.n))
  })

  it('writes measured prose in which every figure carries its range and its sources', () => {
    const md = renderBriefMarkdown(data)
    assert.match(md, /Beginning on 4 September 2018, fifteen attacks were recorded in Idlib/)
    assert.match(md, /at least 28 people, including at least six children, were reported killed \(no upper figure was given for every attack\)/)
    assert.match(md, /at least five and up to seven people, five of them children, were reported killed by airstrikes attributed to Russian forces in Jisr al-Shughur[^.]*\[[\d, ]+\]\./)
    assert.match(md, /Between 7 and 10 September, fourteen people were reported killed by cluster munitions/)
    assert.match(md, /a hospital in Hass was reported hit by barrel bombs attributed to Syrian government forces/)
    assert.match(md, /On 17 September 2018, Russia and Turkey signed the Sochi memorandum/)
    assert.match(md, /by 10 October 2018 was recorded as met/)
    assert.match(md, /by 31 December 2018 was still pending on 15 October 2018/)
    assert.match(md, /one attack was recorded inside the zone after it took effect \(the zone as drawn for Harmwatch is approximate\)/)
    assert.match(md, /\n\d+\. Amnesty International, 14 September 2018, "Syria: Government and Russia step up unlawful attacks/)
    // every citation number used in the text is in the source list
    const used = new Set([...md.matchAll(/\[(\d+(?:, \d+)*)\]/g)].flatMap((m) => m[1]!.split(', ').map(Number)))
    for (const n of used) assert.ok(n >= 1 && n <= data.citations.length, `citation [${n}]`)
  })

  it('draws the map and the timeline as well-formed SVG', () => {
    const figures = briefFigures(data, loadBoundaries())
    for (const svg of [figures.map, figures.timeline]) assert.equal(XMLValidator.validate(svg), true)
    assert.equal((figures.map.match(/class="hw-incident"/g) ?? []).length, 15, 'one mark per incident')
    assert.equal((figures.map.match(/<rect class="hw-incident"/g) ?? []).length, 4, 'squares for the four attacks on protected sites')
    assert.match(figures.map, /fill="url\(#hw-hatch\)"/, 'the zone is hatched')
    assert.equal((figures.map.match(/r="[\d.]+" fill="none" stroke="#08519c"/g) ?? []).length, 2, 'the one violation is ringed (plus the legend)')
    assert.match(figures.map, /\d+ km<\/text>/, 'a scale bar')
    assert.match(figures.timeline, /sochi-2018 signed/)
    // bigger tolls get bigger points
    const big = renderMapSvg({ points: [{ lon: 36, lat: 35, killed: 100, weapon: 'airstrike' }], zones: [], boundaries: [] })
    const small = renderMapSvg({ points: [{ lon: 36, lat: 35, killed: 0, weapon: 'airstrike' }], zones: [], boundaries: [] })
    const r = (svg: string) => Number(/<circle class="hw-incident" cx="[\d.]+" cy="[\d.]+" r="([\d.]+)"/.exec(svg)![1])
    assert.ok(r(big) > 4 * r(small))
  })

  it('escapes text from sources in HTML and embeds both figures', () => {
    const hostile: BriefData = structuredClone(data)
    hostile.citations[0]!.title = '<script>alert(1)</script>'
    hostile.key[0]!.incident.places[0]!.name = '<img src=x onerror=alert(1)>'
    const html = renderBriefHtml(hostile, briefFigures(hostile, []))
    assert.ok(!html.includes('<script>alert'))
    assert.ok(!html.includes('<img src=x'))
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.equal((html.match(/<svg /g) ?? []).length, 2)
  })

  it('prints a PDF with headless Chromium', async () => {
    const pdf = await renderBrief(store.db, { ...PERIOD, format: 'pdf' })
    const bytes = pdf.body as Buffer
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-')
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise
    assert.ok(doc.numPages >= 3 && doc.numPages <= 10, `${doc.numPages} pages`)
    const first = await (await doc.getPage(1)).getTextContent()
    const text = first.items.map((i) => ('str' in i ? i.str : '')).join(' ')
    assert.match(text, /Situation brief: Idlib/)
    // Chromium sets "fi" as a ligature, which pdf.js extracts with spaces around it
    assert.match(text, /attacks were recorded in Idlib on seven days/)
    await doc.destroy()
  })

  it('serves agreements, violations, sites and the brief over the API', async () => {
    const app = createApp({ store, home: '/nonexistent', public: true }, [monitorRoutes])
    const get = async (path: string) => app.request(`http://127.0.0.1${path}`)
    const list = await (await get('/api/agreements')).json() as { items: { id: string }[] }
    assert.deepEqual(list.items.map((a) => a.id), ['sochi-2018'])
    const one = await (await get('/api/agreements/sochi-2018?as_of=2019-01-05')).json() as { zone_geojson: { features: { geometry: { type: string } }[] }; obligations: { state: string }[] }
    assert.equal(one.zone_geojson.features[0]!.geometry.type, 'MultiPolygon')
    assert.deepEqual(one.obligations.map((o) => o.state), ['met', 'missed', 'unknown / overdue'])
    const zones = await get('/api/agreements/zones.geojson')
    assert.match(zones.headers.get('content-type') ?? '', /geo\+json/)
    const fc = await zones.json() as { features: { properties: { agreement_id: string; approximate: boolean } }[] }
    assert.deepEqual(fc.features.map((f) => [f.properties.agreement_id, f.properties.approximate]), [['sochi-2018', true]])
    const v = await (await get('/api/agreements/sochi-2018/violations?to=2018-10-31')).json() as { total: { incidents: number }; by_week: unknown[] }
    // the 19 September remnant and the 26 October shelling of al-Rafa; Jarjanaz, shelled the same day, lies ~25 km behind the line
    assert.equal(v.total.incidents, 2)
    const missing = await get('/api/agreements/nope/violations')
    assert.equal(missing.status, 404)
    assert.deepEqual(await missing.json(), { error: { code: 'not_found', message: 'Unknown agreement "nope"' } })
    const sites = await (await get('/api/sites?kind=civil_defence')).json() as { items: unknown[] }
    assert.equal(sites.items.length, 2)
    const report = await (await get('/api/sites/report?from=2018-09-01&to=2018-09-30&area=Idleb')).json() as { incidents: number }
    assert.equal(report.incidents, 4)
    const md = await get('/api/brief?from=2018-09-01&to=2018-10-15&area=Idlib&format=md')
    assert.equal(md.status, 200)
    assert.match(md.headers.get('content-type') ?? '', /text\/markdown/)
    assert.match(await md.text(), /^# Situation brief: Idlib/)
    const bad = await get('/api/brief?from=2018-10-15&to=2018-09-01')
    assert.equal(bad.status, 400)
    assert.equal((await get('/api/brief?from=15/09/2018&to=2018-10-01')).status, 400)
  })

  it('says so when a period has no attacks, and leaves out agreements not yet signed', async () => {
    const empty = await collectBrief(store.db, { from: '2017-01-01', to: '2017-01-31', area: 'Idlib' })
    assert.equal(empty.totals.incidents, 0)
    assert.equal(empty.agreements.length, 0)
    const md = renderBriefMarkdown(empty, { figures: { map: 'm.svg', timeline: 't.svg' } })
    assert.match(md, /No attacks were recorded in Idlib between 1 January 2017 and 31 January 2017\./)
    const figures = briefFigures(empty, [])
    assert.equal(XMLValidator.validate(figures.map), true)
    assert.equal(XMLValidator.validate(figures.timeline), true)
  })

  it('the CLI refuses missing dates and a PDF without -o before opening a store', async () => {
    const ctx = { config: { home: '/nonexistent/hw', databaseUrl: undefined, databaseSchema: undefined }, io: { out: () => {}, err: () => {}, isTty: false, stdin: process.stdin } }
    await assert.rejects(briefCommand.run(['--to', '2018-10-15'], ctx), /--from is required/)
    await assert.rejects(briefCommand.run(['--from', '2018-09-01', '--to', '2018-10-15', '--format', 'pdf'], ctx), /a PDF brief needs -o FILE/)
    await assert.rejects(briefCommand.run(['--from', '2018-10-01', '--to', '2018-09-15'], ctx), /is after --to/)
  })
})
