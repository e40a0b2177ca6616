import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import * as turf from '@turf/turf'
import { backends } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import {
  addAgreement, agreementViolations, getAgreement, listAgreements, loadAgreementFile, parseAgreement, resolveZone, sumRanges, weekStart,
  type AgreementInput, type LoadedAgreement,
} from '../../src/monitor/agreements/index.ts'
import { command as agreementCommand } from '../../src/cli/commands/agreement.ts'
import { insertIncidents, type FixtureIncident } from './brief-fixtures.ts'

const DEMO = new URL('../../demo/agreements/sochi-2018.json', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'hw-agreements-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, content: unknown): string {
  const p = join(dir, name)
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content))
  return p
}

const square = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] })
const base: AgreementInput = {
  id: 'test-deal', name: 'Test deal', parties: ['russia', 'turkey'], signed: '2018-09-17', effective: '2018-09-17',
  zones: [{ id: 'box', name: 'Box', geometry: square(36.0, 35.0, 37.0, 36.0) }],
  obligations: [
    { id: 'a', text: 'withdraw', deadline: '2018-10-10', status: 'met', evidence: 'reported withdrawn' },
    { id: 'b', text: 'leave', deadline: '2018-10-15' },
  ],
}

describe('agreement files', () => {
  it('loads the Sochi demo: an approximate band on the opposition side of the 2018 front line', async () => {
    const r = await loadAgreementFile(DEMO)
    assert.ok(r.ok, r.ok ? '' : r.error)
    const zone = r.value.zones[0]!
    const km2 = turf.area(zone.geometry) / 1e6
    // 15 km deep along a front of roughly 250 km
    assert.ok(km2 > 1500 && km2 < 4500, `zone area ${km2} km²`)
    const inside = (lon: number, lat: number) => turf.booleanPointInPolygon([lon, lat], zone.geometry)
    assert.equal(inside(36.6234, 35.322), true, 'Al-Lataminah, on the front, is in the zone')
    assert.equal(inside(36.6494, 35.4408), true, 'Khan Sheikhoun, 13 km behind the front, is in the zone')
    assert.equal(inside(36.633, 35.93), false, 'Idlib city, deep inside the pocket, is not')
    assert.equal(inside(36.56, 35.20), false, 'government-held Hama countryside south of the line is not')
    assert.equal(inside(36.72, 36.40), false, 'Turkey is not (the band is clipped to the pocket)')
    assert.deepEqual(r.value.agreement.obligations.map((o) => o.deadline), ['2018-10-10', '2018-10-15', '2018-12-31'])
  })

  it('puts one-sided line bands on the side asked for', () => {
    const along = { type: 'LineString' as const, coordinates: [[36.0, 35.5], [37.0, 35.5]] }
    const left = resolveZone({ id: 'l', name: 'L', approximate: false, band: { along, width_km: 10, side: 'left' } })
    const right = resolveZone({ id: 'r', name: 'R', approximate: false, band: { along, width_km: 10, side: 'right' } })
    assert.ok(left.ok && right.ok)
    // heading east, left is north
    assert.ok(turf.booleanPointInPolygon([36.5, 35.54], left.value.geometry))
    assert.ok(!turf.booleanPointInPolygon([36.5, 35.46], left.value.geometry))
    assert.ok(turf.booleanPointInPolygon([36.5, 35.46], right.value.geometry))
    const km2 = turf.area(left.value.geometry) / 1e6
    assert.ok(km2 > 900 && km2 < 1100, `about 90 km x 10 km plus caps, got ${km2}`)
  })

  it('computes an inside perimeter band as the polygon minus its inward buffer', () => {
    const r = resolveZone({ id: 'p', name: 'P', approximate: false, band: { around: square(36, 35, 37, 36), width_km: 10, side: 'inside' } })
    assert.ok(r.ok)
    assert.ok(turf.booleanPointInPolygon([36.02, 35.5], r.value.geometry), 'near the edge: in the band')
    assert.ok(!turf.booleanPointInPolygon([36.5, 35.5], r.value.geometry), 'the middle: not in the band')
  })

  it('refuses a self-intersecting zone polygon, naming the file and the field', async () => {
    const bow = { ...base, zones: [{ id: 'bow', name: 'Bow tie', geometry: { type: 'Polygon', coordinates: [[[36, 35], [37, 36], [37, 35], [36, 36], [36, 35]]] } }] }
    const p = file('bow.json', bow)
    const r = await loadAgreementFile(p)
    assert.ok(!r.ok)
    assert.equal(r.error, `Cannot load agreement "${p}": zones[0].geometry: polygon ring intersects itself near (36.5, 35.5)`)
    assert.ok(!r.error.includes('\n'))
  })

  it('refuses a self-intersecting perimeter for a band, and an unclosed ring', () => {
    const kinked = parseAgreement({ ...base, zones: [{ id: 'z', name: 'Z', band: { around: { type: 'Polygon', coordinates: [[[36, 35], [37, 36], [37, 35], [36, 36], [36, 35]]] }, width_km: 5 } }] })
    assert.ok(!kinked.ok && kinked.error.startsWith('zones[0].band.around: polygon ring intersects itself'), kinked.ok ? '' : kinked.error)
    const open = parseAgreement({ ...base, zones: [{ id: 'z', name: 'Z', geometry: { type: 'Polygon', coordinates: [[[36, 35], [37, 35], [37, 36], [36, 36]]] } }] })
    assert.ok(!open.ok && open.error === 'zones[0].geometry: ring 0 is not closed (first and last positions differ)', open.ok ? '' : open.error)
  })

  it('refuses a deadline before the signing date', async () => {
    const p = file('early.json', { ...base, obligations: [{ id: 'x', text: 'too early', deadline: '2018-09-01' }] })
    const r = await loadAgreementFile(p)
    assert.ok(!r.ok)
    assert.equal(r.error, `Cannot load agreement "${p}": obligations[0].deadline: 2018-09-01 is before the signing date 2018-09-17`)
  })

  it('refuses malformed JSON, a missing file, bad fields and a zone with neither geometry nor band', async () => {
    const bad = file('bad.json', '{"id": "x", "parties": [')
    const r1 = await loadAgreementFile(bad)
    assert.ok(!r1.ok && r1.error.startsWith(`Cannot load agreement "${bad}": malformed JSON (`), r1.ok ? '' : r1.error)
    const r2 = await loadAgreementFile(join(dir, 'nope.json'))
    assert.ok(!r2.ok && r2.error.endsWith('no such file'))
    const r3 = await loadAgreementFile(file('date.json', { ...base, signed: '17/09/2018' }))
    assert.ok(!r3.ok && r3.error.endsWith('signed: expected YYYY-MM-DD'), r3.ok ? '' : r3.error)
    const r4 = parseAgreement({ ...base, zones: [{ id: 'z', name: 'Z' }] })
    assert.ok(!r4.ok && r4.error.includes('exactly one of "geometry" or "band"'), r4.ok ? '' : r4.error)
    const r5 = parseAgreement({ ...base, zones: [{ id: 'z', name: 'Z', geometry: { type: 'Polygon', coordinates: [[[200, 35], [37, 35], [37, 36], [200, 35]]] } }] })
    assert.ok(!r5.ok && r5.error.startsWith('zones[0].geometry.coordinates[0][0]: longitude must be within'), r5.ok ? '' : r5.error)
  })

  it('the CLI reports a bad file on one line with exit 1 and writes nothing', async () => {
    const out: string[] = []
    const errs: string[] = []
    const io = { out: (t: string) => out.push(t), err: (t: string) => errs.push(t), isTty: false, stdin: process.stdin }
    const home = join(dir, 'never-created')
    const p = file('bow2.json', { ...base, zones: [{ id: 'bow', name: 'Bow', geometry: { type: 'Polygon', coordinates: [[[36, 35], [37, 36], [37, 35], [36, 36], [36, 35]]] } }] })
    const code = await agreementCommand.run(['add', p], { config: { home, databaseUrl: undefined, databaseSchema: undefined }, io })
    assert.equal(code, 1)
    assert.equal(errs.length, 1)
    assert.match(errs[0]!, /^Cannot load agreement ".*bow2\.json": zones\[0\]\.geometry: polygon ring intersects itself/)
    assert.deepEqual(out, [])
    assert.equal((await import('node:fs')).existsSync(home), false, 'no workspace was created for a bad file')
  })

  it('sums ranges over distinct incidents, keeping open maxima open', () => {
    assert.deepEqual(sumRanges([{ min: 5, max: null }, { min: 2, max: 2 }]), { min: 7, max: null })
    assert.deepEqual(sumRanges([{ min: 1, max: 3 }, { min: 2, max: 2 }]), { min: 3, max: 5 })
    assert.deepEqual(sumRanges([]), { min: 0, max: 0 })
    assert.equal(weekStart('2018-09-17'), '2018-09-17')
    assert.equal(weekStart('2018-09-23'), '2018-09-17')
    assert.equal(weekStart('2018-09-24'), '2018-09-24')
  })
})

const ZONE_INCIDENTS: FixtureIncident[] = [
  // before the deal: inside the box but not a violation
  { id: 'test-before', date: '2018-09-10', perpetrator: 'russia', weapon: 'airstrike', targets: ['residential'], place: 'Before', lat: 35.5, lon: 36.5, admin1: 'Idlib', killed: [3, 3], reported_by: ['SNHR'] },
  { id: 'test-w1a', date: '2018-09-18', perpetrator: 'russia', weapon: 'airstrike', targets: ['residential'], place: 'A', lat: 35.5, lon: 36.5, admin1: 'Idlib', killed: [1, 2], reported_by: ['SNHR'] },
  { id: 'test-w1b', date: '2018-09-20', perpetrator: 'syrian_government', weapon: 'shelling_artillery', targets: ['residential'], place: 'B', lat: 35.4, lon: 36.6, admin1: 'Idlib', killed: [2, null], reported_by: ['SNHR'] },
  { id: 'test-w2', date: '2018-09-25', perpetrator: 'syrian_government', weapon: 'shelling_artillery', targets: ['school'], place: 'C', lat: 35.6, lon: 36.7, admin1: 'Idlib', killed: [0, 0], reported_by: ['SNHR'] },
  // spans the effective date: counts
  { id: 'test-span', date: '2018-09-15', date_end: '2018-09-18', perpetrator: 'syrian_government', weapon: 'barrel_bomb', targets: ['residential'], place: 'D', lat: 35.3, lon: 36.4, admin1: 'Hama', reported_by: ['SNHR'] },
  { id: 'test-outside', date: '2018-09-20', perpetrator: 'russia', weapon: 'airstrike', targets: ['residential'], place: 'Out', lat: 36.5, lon: 37.5, admin1: 'Aleppo', killed: [9, 9], reported_by: ['SNHR'] },
  { id: 'test-rejected', date: '2018-09-21', perpetrator: 'russia', weapon: 'airstrike', targets: ['residential'], place: 'R', lat: 35.5, lon: 36.5, admin1: 'Idlib', killed: [9, 9], reported_by: ['SNHR'], status: 'rejected' },
]

for (const backend of await backends()) {
  describe(`agreements in the store on ${backend.name}`, () => {
    let store: Store
    let loaded: LoadedAgreement
    before(async () => {
      store = await backend.open()
      await insertIncidents(store.db, ZONE_INCIDENTS)
      const p = parseAgreement(base)
      assert.ok(p.ok, p.ok ? '' : p.error)
      loaded = p.value
    })
    after(async () => { await backend.dispose(store) })

    it('stores, lists and replaces an agreement; the zone comes back as GeoJSON', async () => {
      const r1 = await addAgreement(store.db, loaded)
      assert.deepEqual(r1, { ok: true, value: { id: 'test-deal', replaced: false, zones: 1, obligations: 2 } })
      const r2 = await addAgreement(store.db, loaded, { actor: 'editor-1', reason: 'status update' })
      assert.ok(r2.ok && r2.value.replaced)
      const audit = await store.db.selectFrom('audit_log').select(['actor', 'action', 'entity_id', 'reason']).where('entity_type', '=', 'agreement').orderBy('seq').execute()
      assert.deepEqual(audit, [
        { actor: 'system', action: 'agreement.add', entity_id: 'test-deal', reason: null },
        { actor: 'editor-1', action: 'agreement.replace', entity_id: 'test-deal', reason: 'status update' },
      ])
      const list = await listAgreements(store.db, { asOf: '2018-10-12' })
      assert.equal(list.length, 1)
      assert.deepEqual(list[0]!.obligations.map((o) => o.state), ['met', 'pending'])
      const detail = await getAgreement(store.db, 'test-deal', { asOf: '2018-11-01' })
      assert.ok(detail)
      assert.deepEqual(detail.obligations.map((o) => o.state), ['met', 'unknown / overdue'])
      const geom = detail.zone_geojson.features[0]!.geometry
      assert.equal(geom.type, 'MultiPolygon')
      assert.ok(Math.abs(turf.area(geom) - turf.area(square(36, 35, 37, 36))) < 1e6)
      assert.equal(await getAgreement(store.db, 'nope'), null)
    })

    it('counts incidents inside the zone after it took effect, by perpetrator and by week', async () => {
      const r = await agreementViolations(store.db, 'test-deal', { asOf: '2018-10-12' })
      assert.ok(r.ok)
      const v = r.value
      assert.deepEqual(v.incidents.map((i) => i.id), ['test-span', 'test-w1a', 'test-w1b', 'test-w2'])
      assert.deepEqual(v.total, { incidents: 4, killed: { min: 3, max: null }, injured: { min: 0, max: null } })
      assert.deepEqual(v.by_perpetrator.map((p) => [p.perpetrator, p.incidents, p.killed]), [
        ['syrian_government', 3, { min: 2, max: null }],
        ['russia', 1, { min: 1, max: 2 }],
      ])
      assert.deepEqual(v.by_week.map((w) => [w.week_start, w.incidents]), [['2018-09-10', 1], ['2018-09-17', 2], ['2018-09-24', 1]])
      assert.deepEqual(v.agreement.obligations.map((o) => o.state), ['met', 'pending'])
    })

    it('respects a zone that takes effect later than the agreement, and a from/to window', async () => {
      const later = parseAgreement({ ...base, id: 'test-later', zones: [{ id: 'box', name: 'Box', effective: '2018-09-24', geometry: square(36.0, 35.0, 37.0, 36.0) }] })
      assert.ok(later.ok)
      assert.ok((await addAgreement(store.db, later.value)).ok)
      const r = await agreementViolations(store.db, 'test-later')
      assert.ok(r.ok)
      assert.deepEqual(r.value.incidents.map((i) => i.id), ['test-w2'])
      const w = await agreementViolations(store.db, 'test-deal', { from: '2018-09-19', to: '2018-09-22' })
      assert.ok(w.ok)
      assert.deepEqual(w.value.incidents.map((i) => i.id), ['test-w1b'])
    })

    it('answers an unknown agreement id with a one-line error', async () => {
      assert.deepEqual(await agreementViolations(store.db, 'no-such-deal'), { ok: false, error: 'Unknown agreement "no-such-deal"' })
    })
  })
}
