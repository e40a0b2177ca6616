import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backends } from '../support/stores.ts'
import { point, type Store } from '../../src/store/index.ts'
import { getIncident, listIncidents, redactForViewer, resolveAll, resolvePending } from '../../src/resolve/index.ts'
import { IncidentView } from '../../src/domain/index.ts'
import { addSource, HASS, KAFRANBEL, MHAMBEL, SARAQIB } from './fixtures.ts'

for (const backend of await backends()) {
  describe(`resolution in the store on ${backend.name}`, () => {
    let store: Store
    const ids: Record<string, string[]> = {}
    before(async () => {
      store = await backend.open()
      ids.snhr = await addSource(store, { name: 'snhr-hass', outlet: 'SNHR', published: '2018-09-08', text: 'Russian warplanes struck the school in Hass, killing two children',
        events: [{ date: '2018-09-08', places: [HASS], targets: ['school'], killed: { min: 2, max: 2 }, reported_by: ['SNHR'], victims: [{ name: 'A. Witness' }] }] })
      ids.sohr = await addSource(store, { name: 'sohr-hass', outlet: 'SOHR', published: '2018-09-08', text: 'Airstrikes on Hass killed three',
        events: [{ date: '2018-09-08', places: [{ ...HASS, text: 'Has', place_id: null }], perpetrator: 'russia_or_syrian_government', targets: ['school'], killed: { min: 3, max: 3 } }] })
      ids.quote = await addSource(store, { name: 'local-quotes-snhr', outlet: 'Local outlet', published: '2018-09-09', text: 'According to SNHR at least 2 died in Hass',
        events: [{ date: '2018-09-08', places: [HASS], killed: { min: 2, max: null }, reported_by: ['SNHR'] }] })
      ids.neighbour = await addSource(store, { name: 'kafranbel', outlet: 'Enab Baladi', published: '2018-09-08', text: 'Shelling on Kafr Nabl market',
        events: [{ date: '2018-09-08', places: [KAFRANBEL], targets: ['market'], killed: { min: 1, max: 1 } }] })
      ids.other = await addSource(store, { name: 'mhambel-saraqib', outlet: 'SNHR', published: '2018-10-02', text: 'Two separate attacks on Mhambel and Saraqib',
        events: [
          { date: '2018-10-01', places: [MHAMBEL], killed: { min: 4, max: 4 }, reported_by: ['SNHR'] },
          { date: '2018-10-01', places: [SARAQIB], event_type: 'Protests', sub_event_type: 'Peaceful protest', perpetrator: 'unknown', weapon: 'unknown', weapons: [] },
        ] })
      await resolvePending(store)
    })
    after(async () => { await backend.dispose(store) })

    it('joins the reports of one attack and keeps the neighbouring village apart', async () => {
      const { items } = await listIncidents(store.db, {})
      assert.equal(items.length, 4)
      for (const i of items) IncidentView.parse(i)
      const hass = items.find((i) => i.report_ids.includes(ids.snhr![0]!))!
      assert.deepEqual(hass.report_ids, [ids.snhr![0], ids.sohr![0], ids.quote![0]].sort())
      assert.deepEqual(hass.killed, { min: 2, max: 3 })
      assert.equal(hass.independent_sources, 2, 'the outlet quoting SNHR is not a second source')
      assert.equal(hass.grade, 'fair')
      assert.equal(hass.perpetrator, 'russia')
      const kafr = items.find((i) => i.report_ids.includes(ids.neighbour![0]!))!
      assert.equal(kafr.report_ids.length, 1)
      assert.equal(kafr.grade, 'weak')
      const protest = items.find((i) => i.report_ids.includes(ids.other![1]!))!
      assert.equal(protest.event_type, 'Protests')
    })

    it('filters by dates, area spelling, bbox, polygon, perpetrator, target, grade and text', async () => {
      const n = async (f: Parameters<typeof listIncidents>[1]) => (await listIncidents(store.db, f)).items.length
      assert.equal(await n({ from: '2018-09-09' }), 2)
      assert.equal(await n({ to: '2018-09-08' }), 2)
      assert.equal(await n({ area: 'Idleb' }), 4)
      assert.equal(await n({ area: 'IDLIB governorate' }), 4)
      assert.equal(await n({ area: 'Ariha' }), 1)
      assert.equal(await n({ bbox: [36.58, 35.6, 36.62, 35.62] }), 1)
      assert.equal(await n({ polygon: { type: 'Polygon', coordinates: [[[36.4, 35.7], [36.5, 35.7], [36.5, 35.8], [36.4, 35.8], [36.4, 35.7]]] } }), 1)
      assert.equal(await n({ perpetrator: ['russia'] }), 3)
      assert.equal(await n({ target: ['market'] }), 1)
      assert.equal(await n({ grade: ['fair'] }), 1)
      assert.equal(await n({ q: 'school' }), 1)
      assert.equal(await n({ q: 'nothinglikethis' }), 0)
    })

    it('pages with a keyset cursor without losing or repeating items', async () => {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: Awaited<ReturnType<typeof listIncidents>> = await listIncidents(store.db, { limit: 1, ...(cursor ? { cursor } : {}) })
        seen.push(...page.items.map((i) => i.id))
        cursor = page.next_cursor
      } while (cursor)
      const all = (await listIncidents(store.db, {})).items.map((i) => i.id)
      assert.deepEqual(seen, all)
      await assert.rejects(listIncidents(store.db, { cursor: 'garbage' }), /cursor/)
    })

    it('returns one incident with its reports, and redacts victims and sensitive fields for viewers', async () => {
      const { items } = await listIncidents(store.db, { q: 'school' })
      const detail = (await getIncident(store.db, items[0]!.id))!
      assert.equal(detail.reports.length, 3)
      assert.equal(detail.reports[0]!.source.outlet !== null, true)
      assert.ok(JSON.stringify(detail).includes('A. Witness'))
      const red = redactForViewer(detail)
      assert.ok(!JSON.stringify(red).includes('A. Witness'))
      assert.ok(!('sensitive' in red))
      assert.equal(await getIncident(store.db, 'inc_missing'), undefined)
    })

    it('follows re-extraction: replaced reports leave their incidents, emptied incidents go', async () => {
      const { items } = await listIncidents(store.db, { q: 'school' })
      const hass = items[0]!
      // The SOHR source is re-extracted: its report is replaced by one with another toll.
      await store.db.deleteFrom('reports').where('id', '=', ids.sohr![0]!).execute()
      await store.db.deleteFrom('reports').where('id', '=', ids.neighbour![0]!).execute()
      await addSource(store, { name: 'sohr-hass-v2', outlet: 'SOHR', published: '2018-09-08', events: [{ date: '2018-09-08', places: [HASS], targets: ['school'], killed: { min: 4, max: 4 } }] })
      await resolvePending(store)
      const after = (await getIncident(store.db, hass.id))!
      assert.deepEqual(after.killed, { min: 2, max: 4 })
      assert.equal(after.report_ids.includes(ids.sohr![0]!), false)
      assert.equal((await listIncidents(store.db, { target: ['market'] })).items.length, 0)
    })

    it('takes the district from the gazetteer when the claims leave it out', async () => {
      await store.db.insertInto('places').values({ id: 'C4199', name: 'Jisr Ash-Shugur', admin1: 'Idleb', admin2: 'Jisr-Ash-Shugur', feature: 'community', source: 'test', lat: 35.8142, lon: 36.3149, geom: point(35.8142, 36.3149) }).execute()
      await addSource(store, { name: 'jisr', outlet: 'SNHR', published: '2018-09-04', events: [{ date: '2018-09-04', places: [{ text: 'Jisr al-Shughur', lat: 35.8142, lon: 36.3149, admin1: 'Idlib', precision: 1, place_id: 'C4199' }], killed: { min: 2, max: 2 } }] })
      await resolvePending(store)
      const { items } = await listIncidents(store.db, { area: 'Jisr al-Shughur' })
      assert.equal(items.length, 1)
      assert.equal(items[0]!.admin2, 'Jisr-Ash-Shugur')
    })

        it('rebuilds the same incidents from scratch', async () => {
      const before = (await listIncidents(store.db, {})).items.map((i) => [i.id, i.report_ids])
      await resolveAll(store)
      const afterAll = (await listIncidents(store.db, {})).items.map((i) => [i.id, i.report_ids])
      assert.deepEqual(afterAll, before)
    })
  })
}
