/**
 * Committing prepared originals in two steps: `writeOriginals` puts each evidence file in
 * place (complete or absent), then `insertSources` writes the source rows and their derived
 * text in one transaction, so a source row never exists without both. Groups share one
 * transaction for speed; when a group's transaction fails, each item is retried alone so one
 * bad item never loses the others. Ids derive from the SHA-256, so "already kept" is simply
 * an insert that found its row there.
 */
import { sql } from 'kysely'
import type { Store } from '../store/index.ts'
import { TOOL_VERSION } from '../config.ts'
import { errorMessage, err, ok, sourceIdFor, type Result } from '../domain/index.ts'
import { commitStreamed, discardStreamed, putEvidence, type StreamedOriginal } from './evidence-store.ts'
import { mapLimit } from './_map-limit.ts'

export type OriginKind = 'file' | 'url' | 'feed' | 'import' | 'api'

/** An original read, hashed and derived, not yet in the store. */
export interface PreparedSource {
  input: string
  sha256: string
  byteSize: number
  body: { kind: 'bytes'; bytes: Uint8Array } | { kind: 'streamed'; streamed: StreamedOriginal }
  record: {
    media_type: string
    origin_kind: OriginKind
    origin: string
    url: string | null
    http_status: number | null
    http_headers: Record<string, string> | null
    retrieved_at: string
    published: string | null
    title: string | null
    outlet: string | null
    meta: Record<string, unknown>
  }
  text: { text: string; deriver: string; truncated: boolean; lang: string | null }
}

export interface SavedSource {
  status: 'added' | 'already'
  source_id: string
  sha256: string
  /** the earlier source with the same URL, when this one is a new version of it */
  previous_version_id: string | null
}

/**
 * Puts each original in the evidence store (a no-op for one already there, which also
 * restores a deleted file). Must complete before `insertSources` for the same items.
 */
export async function writeOriginals(home: string, items: readonly PreparedSource[]): Promise<Result<true>[]> {
  const bySha = new Map<string, Promise<Result<true>>>()
  const write = async (item: PreparedSource): Promise<Result<true>> => {
    try {
      if (item.body.kind === 'bytes') await putEvidence(home, item.sha256, item.body.bytes)
      else await commitStreamed(home, item.body.streamed)
      return ok(true)
    } catch (e) {
      if (item.body.kind === 'streamed') await discardStreamed(item.body.streamed)
      return err(`cannot keep the original (${errorMessage(e)})`)
    }
  }
  return mapLimit(items, 32, (item) => {
    // Two inputs with the same bytes: one write (a second rename of the same temp would fail).
    let p = bySha.get(item.sha256)
    if (!p) bySha.set(item.sha256, (p = write(item)))
    return p
  })
}

/** PostgreSQL text cannot hold NUL (PDF metadata and headers sometimes carry one). */
const noNul = (_key: string, value: unknown) => (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value)

async function insertGroup(store: Store, items: readonly PreparedSource[]): Promise<Result<SavedSource>[]> {
  return store.db.transaction().execute(async (trx) => {
    const urls = [...new Set(items.flatMap((i) => (i.record.url ? [i.record.url] : [])))]
    const latest = new Map<string, string>()
    if (urls.length) {
      const rows = await trx.selectFrom('sources').select(['id', 'url']).where('url', 'in', urls)
        .orderBy('retrieved_at', 'asc').orderBy('created_at', 'asc').orderBy('id', 'asc').execute()
      for (const r of rows) if (r.url) latest.set(r.url, r.id)
    }
    const rows = items.map((item) => {
      const id = sourceIdFor(item.sha256)
      const previous = item.record.url ? latest.get(item.record.url) ?? null : null
      if (item.record.url) latest.set(item.record.url, id)
      return { id, sha256: item.sha256, byte_size: item.byteSize, ...item.record, tool_version: TOOL_VERSION, previous_version_id: previous }
    })
    // One JSON parameter for the whole group instead of 16 per row: the embedded database
    // spends far less time binding parameters (about twice the rows per second).
    const inserted = new Set((await sql<{ id: string }>`
      insert into sources (id, sha256, media_type, byte_size, origin_kind, origin, url, http_status, http_headers, retrieved_at, tool_version, published, title, outlet, previous_version_id, meta)
      select id, sha256, media_type, byte_size, origin_kind, origin, url, http_status, http_headers, retrieved_at, tool_version, published, title, outlet, previous_version_id, coalesce(meta, '{}'::jsonb)
      from json_to_recordset(${JSON.stringify(rows, noNul)}::json) as x(id text, sha256 text, media_type text, byte_size bigint, origin_kind text, origin text, url text,
        http_status integer, http_headers jsonb, retrieved_at timestamptz, tool_version text, published date, title text, outlet text, previous_version_id text, meta jsonb)
      on conflict do nothing
      returning id`.execute(trx)).rows.map((r) => r.id))
    const fresh = items.filter((i) => inserted.has(sourceIdFor(i.sha256)))
    if (fresh.length) {
      const texts = fresh.map((i) => ({ source_id: sourceIdFor(i.sha256), text: i.text.text, deriver: i.text.deriver, truncated: i.text.truncated, lang: i.text.lang }))
      await sql`
        insert into source_texts (source_id, text, deriver, truncated, lang)
        select source_id, text, deriver, truncated, lang
        from json_to_recordset(${JSON.stringify(texts)}::json) as x(source_id text, text text, deriver text, truncated boolean, lang text)`.execute(trx)
    }
    // Not inserted = kept already, unless another original shares the 64-bit id prefix.
    const skipped = rows.filter((r) => !inserted.has(r.id)).map((r) => r.id)
    const keptSha = new Map<string, string>()
    if (skipped.length) {
      for (const r of await trx.selectFrom('sources').select(['id', 'sha256']).where('id', 'in', skipped).execute()) keptSha.set(r.id, r.sha256)
    }
    return items.map((item, k): Result<SavedSource> => {
      const id = rows[k]!.id
      if (inserted.has(id)) return ok({ status: 'added', source_id: id, sha256: item.sha256, previous_version_id: rows[k]!.previous_version_id ?? null })
      if (keptSha.get(id) !== item.sha256) return err(`cannot store the source (id ${id} already belongs to another original)`)
      return ok({ status: 'already', source_id: id, sha256: item.sha256, previous_version_id: null })
    })
  })
}

/**
 * Writes source rows and texts for items whose originals are in place: one transaction per
 * group, each item alone when the group fails. One Result per item, in order; the same bytes
 * as a kept source (or as an earlier item of the same call) come back as 'already'.
 */
export async function insertSources(store: Store, items: readonly PreparedSource[]): Promise<Result<SavedSource>[]> {
  const out = new Array<Result<SavedSource>>(items.length)
  const firstOfSha = new Map<string, number>()
  const unique: number[] = []
  items.forEach((item, k) => {
    if (!firstOfSha.has(item.sha256)) { firstOfSha.set(item.sha256, k); unique.push(k) }
  })
  if (unique.length) {
    let saved: Result<SavedSource>[] | null
    try { saved = await insertGroup(store, unique.map((k) => items[k]!)) } catch { saved = null }
    for (let n = 0; n < unique.length; n++) {
      const k = unique[n]!
      let r = saved?.[n]
      if (!r) {
        try { r = (await insertGroup(store, [items[k]!]))[0]! } catch (e) { r = err(`cannot store the source (${errorMessage(e)})`) }
      }
      out[k] = r
    }
  }
  items.forEach((item, k) => {
    const first = firstOfSha.get(item.sha256)!
    if (first === k) return
    const r = out[first]!
    out[k] = r.ok ? ok({ ...r.value, status: 'already', previous_version_id: null }) : r
  })
  return out
}

/** Both steps for a few items (URLs, feed entries): originals in place, then rows. */
export async function saveSources(store: Store, home: string, items: readonly PreparedSource[]): Promise<Result<SavedSource>[]> {
  const written = await writeOriginals(home, items)
  const ready = items.filter((_, k) => written[k]!.ok)
  const saved = await insertSources(store, ready)
  let n = 0
  return written.map((w) => (w.ok ? saved[n++]! : (w as Result<never>)))
}
