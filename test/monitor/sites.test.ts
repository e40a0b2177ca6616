import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { freshPglite } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import { addSite, listSites, normaliseSiteName, sitesReport, syncSitesFromIncidents } from '../../src/monitor/sites/index.ts'
import { command as sitesCommand } from '../../src/cli/commands/sites.ts'
import { UsageError } from '../../src/cli/command.ts'
import { SEED_INCIDENTS, insertIncidents, type FixtureIncident } from './brief-fixtures.ts'

// offsets in degrees of latitude: 0.0027° ≈ 300 m, 0.009° ≈ 1 km
const MORE: FixtureIncident[] = [
  // the same hospital, named the same way, struck again two weeks later; geocoded 1 km off
  { id: 'test-hass-again', date: '2018-09-22', perpetrator: 'russia', weapon: 'airstrike', targets: ['hospital_medical'], place: 'Hass', lat: 35.6253, lon: 36.5934, admin1: 'Idleb', reported_by: ['SNHR'], site_name: 'Hass Underground Hospital' },
  // a school 300 m from al-Badriya's, with no name in the claim and another place name: linked by distance
  { id: 'test-badriya-near', date: '2018-09-25', perpetrator: 'russia', weapon: 'airstrike', targets: ['school'], place: 'Badriya outskirts', lat: 35.8368, lon: 36.2199, admin1: 'Idlib', reported_by: ['SNHR'] },
  // a market at the school's point: a different kind, so a different site
  { id: 'test-badriya-market', date: '2018-09-25', perpetrator: 'russia', weapon: 'airstrike', targets: ['market'], place: 'Al Badriya', lat: 35.8341, lon: 36.2199, admin1: 'Idlib', reported_by: ['SNHR'] },
  // a bakery only located to the governorate: a site without a point, never matched by distance
  { id: 'test-bakery-vague', date: '2018-09-26', perpetrator: 'unknown', weapon: 'shelling_artillery', targets: ['bakery'], place: 'Idlib governorate', lat: 35.8, lon: 36.6, admin1: 'Idlib', precision: 3, reported_by: ['SNHR'] },
  // rejected incidents make no sites
  { id: 'test-rejected-mosque', date: '2018-09-27', perpetrator: 'russia', weapon: 'airstrike', targets: ['mosque'], place: 'Nowhere', lat: 35.9, lon: 36.6, admin1: 'Idlib', reported_by: [], status: 'rejected' },
]

describe('protected sites', () => {
  let store: Store
  before(async () => {
    store = await freshPglite()
    await insertIncidents(store.db, [...SEED_INCIDENTS, ...MORE])
  })
  after(async () => { await store.close() })

  it('normalises names across case, articles, apostrophes and diacritics', () => {
    assert.equal(normaliseSiteName('Al-Badriya Primary School'), normaliseSiteName('al Badriya primary school'))
    assert.equal(normaliseSiteName("Taman'a civil-defence centre"), 'tamana civil defence centre')
    assert.equal(normaliseSiteName('Ḥass Hospital'), 'hass hospital')
  })

  it('creates sites from extracted targets and links repeat strikes by name and by distance', async () => {
    const r = await syncSitesFromIncidents(store.db)
    // school, civil defence centre, hospital, market, bakery: five sites; seven incident links
    assert.deepEqual(r, { created: 5, linked: 7, skipped: 0 })
    const sites = await listSites(store.db)
    const byName = new Map(sites.map((s) => [s.name, s]))
    assert.equal(byName.get('Hass underground hospital')?.incidents, 2, 'second strike linked by its name though geocoded 1 km away')
    assert.equal(byName.get('Hass underground hospital')?.repeat, true)
    assert.equal(byName.get('Al Badriya Primary School')?.incidents, 2, 'unnamed school 300 m away linked by distance')
    assert.equal(byName.get('Market in Al Badriya')?.incidents, 1)
    assert.equal(byName.get("Civil defence centre in Taman'a")?.kind, 'civil_defence')
    const bakery = sites.find((s) => s.kind === 'bakery')!
    assert.equal(bakery.lat, null, 'a site from an admin-area location gets no point')
    assert.ok(!sites.some((s) => s.kind === 'mosque'), 'rejected incidents make no sites')
    const links = await store.db.selectFrom('site_incidents').select(['incident_id', 'linked_by']).orderBy('incident_id').execute()
    assert.deepEqual(Object.fromEntries(links.map((l) => [l.incident_id, l.linked_by])), {
      inc_badriya: 'created', inc_hass: 'created', inc_tamana: 'created', 'test-badriya-market': 'created',
      'test-badriya-near': 'distance', 'test-bakery-vague': 'created', 'test-hass-again': 'name',
    })
  })

  it('is idempotent', async () => {
    assert.deepEqual(await syncSitesFromIncidents(store.db), { created: 0, linked: 0, skipped: 0 })
  })

  it('adds a site by hand and links incidents within 500 m of the same kind', async () => {
    const r = await addSite(store.db, { name: "Taman'a field clinic", kind: 'hospital_medical', lat: 35.4595, lon: 36.7478, source: 'test registry' })
    assert.ok(r.ok)
    assert.equal(r.value.linked, 0, "the civil-defence strike 110 m away is not a hospital strike")
    const h = await addSite(store.db, { name: 'Hass clinic', kind: 'hospital_medical', lat: 35.6180, lon: 36.5934 })
    assert.ok(h.ok)
    assert.equal(h.value.linked, 1, 'the first Hass hospital strike is 190 m away')
    const bad = await addSite(store.db, { name: 'X', kind: 'school', lat: 95, lon: 36 })
    assert.ok(!bad.ok && bad.error.startsWith('Cannot add site: lat:'), bad.ok ? '' : bad.error)
    const badKind = await addSite(store.db, { name: 'X', kind: 'barracks' as 'school', lat: 35, lon: 36 })
    assert.ok(!badKind.ok && badKind.error.startsWith('Cannot add site: kind:'))
  })

  it('reports attacks on protected sites for a period and an area in any spelling', async () => {
    const all = await sitesReport(store.db, { from: '2018-09-01', to: '2018-09-30', area: 'Idleb' })
    assert.equal(all.incidents, 7)
    const hass = all.sites.find((s) => s.name === 'Hass underground hospital')!
    assert.deepEqual(hass.attacks.map((a) => a.incident_id), ['inc_hass', 'test-hass-again'])
    assert.equal(hass.repeat, true)
    const early = await sitesReport(store.db, { from: '2018-09-01', to: '2018-09-10', area: 'Idlib' })
    assert.deepEqual(early.sites.map((s) => s.name).sort(), ['Al Badriya Primary School', 'Civil defence centre in Taman\'a', 'Hass clinic', 'Hass underground hospital'])
    assert.equal(early.sites.find((s) => s.name === 'Hass underground hospital')!.repeat, true, 'repeat is judged on the whole record, not the window')
    assert.deepEqual(early.by_kind.map((k) => [k.kind, k.sites, k.attacks]), [['school', 1, 1], ['hospital_medical', 2, 2], ['civil_defence', 1, 1]])
    const elsewhere = await sitesReport(store.db, { from: '2018-09-01', to: '2018-09-30', area: 'Hama' })
    assert.equal(elsewhere.incidents, 0)
  })

  it('the CLI refuses bad flags before opening a store', async () => {
    const ctx = { config: { home: '/nonexistent/hw', databaseUrl: undefined, databaseSchema: undefined }, io: { out: () => {}, err: () => {}, isTty: false, stdin: process.stdin } }
    await assert.rejects(sitesCommand.run(['add', '--name', 'X', '--kind', 'barracks', '--lat', '35', '--lon', '36'], ctx), (e: Error) => e instanceof UsageError && /--kind "barracks"/.test(e.message))
    await assert.rejects(sitesCommand.run(['add', '--name', 'X', '--kind', 'school', '--lat', 'north', '--lon', '36'], ctx), /--lat "north" is not a latitude/)
    await assert.rejects(sitesCommand.run(['report', '--from', '2018-09-01'], ctx), /report needs --to/)
  })
})
