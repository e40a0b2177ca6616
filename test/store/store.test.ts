import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { backends, type BackendCase } from '../support/stores.ts'
import { point, type Store } from '../../src/store/index.ts'

for (const backend of await backends()) {
  describe(`store on ${backend.name}`, () => {
    let store: Store
    before(async () => { store = await backend.open() })
    after(async () => { await backend.dispose(store) })

    it('has PostGIS and answers a distance query on places', async () => {
      await store.db.insertInto('places').values([
        { id: 'C4330', name: 'Mhambal', feature: 'community', source: 'test', lat: 35.7844, lon: 36.4689, geom: point(35.7844, 36.4689) },
        { id: 'C3989', name: 'Hbit', feature: 'community', source: 'test', lat: 35.4411, lon: 36.5388, geom: point(35.4411, 36.5388) },
      ]).execute()
      const rows = await store.db.selectFrom('places')
        .select(['id', sql<number>`ST_DistanceSphere(geom, ${point(35.78, 36.47)})`.as('m')])
        .orderBy('m').execute()
      assert.equal(rows[0]?.id, 'C4330')
      assert.ok(rows[0]!.m < 1000, `expected under 1 km, got ${rows[0]!.m}`)
      assert.ok(rows[1]!.m > 30_000)
    })

    it('reads dates as YYYY-MM-DD strings and bigint as numbers on both backends', async () => {
      const r = await sql<{ d: string; n: number; t: string }>`select date '2018-09-04' as d, 5000000000::bigint as n, timestamptz '2018-09-04T10:00:00Z' as t`.execute(store.db)
      assert.deepEqual(r.rows[0], { d: '2018-09-04', n: 5000000000, t: '2018-09-04T10:00:00.000Z' })
    })

    it('finds source text in English and Arabic through full-text search', async () => {
      await store.db.insertInto('sources').values({
        id: 'src_0000000000000001', sha256: '01'.padEnd(64, '0'), media_type: 'text/plain', byte_size: 10, origin_kind: 'file',
        origin: 'x.txt', url: null, http_status: null, http_headers: null, retrieved_at: new Date().toISOString(), tool_version: 't', published: '2018-09-05',
        title: null, outlet: null, previous_version_id: null, meta: {},
      }).execute()
      await store.db.insertInto('source_texts').values({ source_id: 'src_0000000000000001', text: 'Barrel bombs hit the hospitals of خان شيخون', deriver: 'plain', lang: 'en' }).execute()
      const en = await sql`select source_id from source_texts where search @@ websearch_to_tsquery('english', 'hospital')`.execute(store.db)
      const ar = await sql`select source_id from source_texts where search @@ websearch_to_tsquery('simple', 'شيخون')`.execute(store.db)
      assert.equal(en.rows.length, 1)
      assert.equal(ar.rows.length, 1)
    })

    it('refuses to update or delete audit rows', async () => {
      await store.db.insertInto('audit_log').values({ seq: 1, at: new Date().toISOString(), actor: 'a', action: 'x', entity_type: 'incident', entity_id: 'i', before: null, after: null, reason: null, prev_hash: '0', hash: '1' }).execute()
      await assert.rejects(store.db.updateTable('audit_log').set({ actor: 'b' }).execute(), /append-only/)
      await assert.rejects(store.db.deleteFrom('audit_log').execute(), /append-only/)
    })

    it('serialises concurrent transactions without losing writes', async () => {
      await store.db.insertInto('users').values({ id: 'u1', name: 'counter', role: 'viewer', password_hash: '0' }).execute()
      await Promise.all(Array.from({ length: 10 }, () => store.db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('users').select('password_hash').where('id', '=', 'u1').forUpdate().executeTakeFirstOrThrow()
        await trx.updateTable('users').set({ password_hash: String(Number(row.password_hash) + 1) }).where('id', '=', 'u1').execute()
      })))
      const row = await store.db.selectFrom('users').select('password_hash').where('id', '=', 'u1').executeTakeFirstOrThrow()
      assert.equal(row.password_hash, '10')
    })
  })
}
export type { BackendCase }
