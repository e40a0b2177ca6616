/**
 * The store stage resolves incrementally (one report at a time, fetching candidate
 * incidents through SQL); the in-memory core resolves a batch. On the labelled set both
 * must give the same incidents: the SQL blocking misses no candidate the core would find.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backends } from '../support/stores.ts'
import { point, type Store } from '../../src/store/index.ts'
import { listIncidents, resolveInMemory, resolvePending } from '../../src/resolve/index.ts'
import { loadLabelled, toClaims } from '../../scripts/eval-resolve.ts'

const lines = loadLabelled()

for (const backend of await backends()) {
  describe(`incremental resolution in the store on ${backend.name}`, () => {
    let store: Store
    before(async () => {
      store = await backend.open()
      const sources = new Map(lines.map((l) => [l.source_id, l]))
      await store.db.insertInto('sources').values([...sources.values()].map((l) => ({
        id: l.source_id, sha256: l.source_id.padEnd(64, '0'), media_type: 'text/plain', byte_size: 1, origin_kind: 'import' as const, origin: l.report_id,
        url: null, http_status: null, http_headers: null, retrieved_at: new Date().toISOString(), tool_version: 'test', published: l.published,
        title: null, outlet: l.outlet, previous_version_id: null, meta: {},
      }))).execute()
      await store.db.insertInto('reports').values(lines.map((l) => {
        const e = l.event as { date: string | null; places: { lat: number | null; lon: number | null; precision: number; admin1: string | null }[] }
        const p = e.places[0]
        return { id: l.report_id, source_id: l.source_id, seq: 0, extractor: 'labelled', event: JSON.stringify(l.event), date: e.date, geom: point(p?.lat, p?.lon), precision: p?.precision ?? null, admin1: p?.admin1 ?? null }
      })).execute()
    })
    after(async () => { await backend.dispose(store) })

    it('gives the same incidents as the in-memory core', async () => {
      await resolvePending(store)
      const stored = (await listIncidents(store.db, { limit: 10000 })).items.map((i) => i.report_ids.join(',')).sort()
      const memory = resolveInMemory(toClaims(lines)).incidents.map((i) => [...i.report_ids].sort().join(',')).sort()
      assert.deepEqual(stored, memory)
    })
  })
}
