import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { freshPglite } from '../support/stores.ts'
import { extractSources } from '../../src/extract/index.ts'
import { sourceIdFor } from '../../src/domain/index.ts'
import type { Store } from '../../src/store/index.ts'

let store: Store
before(async () => { store = await freshPglite() })
after(async () => { await store.close() })

async function addSource(text: string, published: string | null): Promise<string> {
  const sha = createHash('sha256').update(text).digest('hex')
  const id = sourceIdFor(sha)
  await store.db.insertInto('sources').values({ id, sha256: sha, media_type: 'text/plain', byte_size: text.length, origin_kind: 'file', origin: `${id}.txt`, url: null, http_status: null, http_headers: null, retrieved_at: new Date().toISOString(), tool_version: 'test', published, title: null, outlet: null, previous_version_id: null, meta: {} }).execute()
  await store.db.insertInto('source_texts').values({ source_id: id, text, deriver: 'plain', truncated: false, lang: null }).execute()
  return id
}

test('extractSources writes reports with evidence, idempotently, keeping reviewed ones', async () => {
  const a = await addSource('Russian warplanes struck Saraqib on Monday, killing 3 civilians, the Syrian Network for Human Rights said. Separately, regime shelling hit Kafr Nabl on Monday, injuring 4.', '2019-05-08')
  const bad = await addSource('\u0001\u0002\u0003\u0004\u0005\u0006 binary', null)
  const first = await extractSources(store)
  assert.equal(first.sources, 2)
  assert.equal(first.failed.length, 1)
  assert.equal(first.failed[0]!.source_id, bad)
  const rows = await store.db.selectFrom('reports').selectAll().where('source_id', '=', a).orderBy('seq').execute()
  assert.equal(rows.length, 2)
  const r0 = rows[0]!
  assert.equal(r0.id, `rep_${a.slice(4)}_1`)
  assert.equal(r0.extractor, 'rules/1')
  assert.equal(r0.date, '2019-05-06')
  assert.equal(r0.perpetrator, 'russia')
  assert.equal(r0.killed_min, 3)
  const ev = (typeof r0.event === 'string' ? JSON.parse(r0.event) : r0.event) as { evidence: unknown[]; reported_by: string[] }
  assert.ok(ev.evidence.length > 0)
  assert.deepEqual(ev.reported_by, ['SNHR'])
  const geo = await store.db.selectFrom('reports').select((eb) => [eb.fn<number>('ST_Y', ['geom']).as('lat')]).where('id', '=', r0.id).executeTakeFirstOrThrow()
  assert.ok(Math.abs(Number(geo.lat) - 35.86) < 0.1)
  // an analyst accepted the first claim; re-extraction keeps it and replaces the other
  await store.db.updateTable('reports').set({ status: 'accepted' }).where('id', '=', r0.id).execute()
  const again = await extractSources(store, [a])
  assert.equal(again.failed.length, 0)
  const after2 = await store.db.selectFrom('reports').select(['id', 'status']).where('source_id', '=', a).orderBy('seq').execute()
  assert.equal(after2.length, 2)
  assert.equal(after2.filter((r) => r.status === 'accepted').length, 1)
  // default: only sources without reports
  const none = await extractSources(store)
  assert.equal(none.sources, 1, 'only the binary source, which still has no reports')
})
