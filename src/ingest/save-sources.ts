/**
 * Committing prepared originals: evidence file first (complete or absent), then the source
 * row and its derived text in one transaction, so a source row never exists without both.
 * Items are committed in groups for speed; when a group's transaction fails, each item is
 * retried alone so one bad item never loses the others.
 */
import type { Store, NewSource } from '../store/index.ts'
import { TOOL_VERSION } from '../config.ts'
import { errorMessage, err, ok, sourceIdFor, type Result } from '../domain/index.ts'
import { commitStreamed, discardStreamed, putEvidence, type StreamedOriginal } from './evidence-store.ts'

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

async function writeEvidence(home: string, item: PreparedSource): Promise<void> {
  if (item.body.kind === 'bytes') await putEvidence(home, item.sha256, item.body.bytes)
  else await commitStreamed(home, item.body.streamed)
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }))
  return out
}

/** Inserts a group in one transaction; returns the ids actually inserted (others were there already). */
async function insertGroup(store: Store, items: readonly PreparedSource[]): Promise<Map<PreparedSource, SavedSource>> {
  return store.db.transaction().execute(async (trx) => {
    const urls = [...new Set(items.flatMap((i) => (i.record.url ? [i.record.url] : [])))]
    const latest = new Map<string, string>()
    if (urls.length) {
      const rows = await trx.selectFrom('sources').select(['id', 'url']).where('url', 'in', urls)
        .orderBy('retrieved_at', 'asc').orderBy('created_at', 'asc').orderBy('id', 'asc').execute()
      for (const r of rows) if (r.url) latest.set(r.url, r.id)
    }
    const rows: NewSource[] = items.map((item) => {
      const id = sourceIdFor(item.sha256)
      const previous = item.record.url ? latest.get(item.record.url) ?? null : null
      if (item.record.url) latest.set(item.record.url, id)
      return {
        id,
        sha256: item.sha256,
        byte_size: item.byteSize,
        ...item.record,
        http_headers: item.record.http_headers ? JSON.stringify(item.record.http_headers) : null,
        meta: JSON.stringify(item.record.meta),
        tool_version: TOOL_VERSION,
        previous_version_id: previous,
      }
    })
    const inserted = new Set((await trx.insertInto('sources').values(rows).onConflict((oc) => oc.doNothing()).returning('id').execute()).map((r) => r.id))
    const texts = items.filter((i) => inserted.has(sourceIdFor(i.sha256)))
    if (texts.length) {
      await trx.insertInto('source_texts').values(texts.map((i) => ({
        source_id: sourceIdFor(i.sha256), text: i.text.text, deriver: i.text.deriver, truncated: i.text.truncated, lang: i.text.lang,
      }))).execute()
    }
    const result = new Map<PreparedSource, SavedSource>()
    items.forEach((item, k) => {
      const id = rows[k]!.id
      result.set(item, { status: inserted.has(id) ? 'added' : 'already', source_id: id, sha256: item.sha256, previous_version_id: inserted.has(id) ? rows[k]!.previous_version_id ?? null : null })
    })
    return result
  })
}

/**
 * Saves prepared originals; one Result per item, in order. Same bytes as a kept source (or as
 * an earlier item of the same call) come back as 'already' and add nothing.
 */
export async function saveSources(store: Store, home: string, items: readonly PreparedSource[]): Promise<Result<SavedSource>[]> {
  const out = new Array<Result<SavedSource>>(items.length)
  if (items.length === 0) return out
  const shas = [...new Set(items.map((i) => i.sha256))]
  const existing = new Map<string, string>()
  for (let i = 0; i < shas.length; i += 1000) {
    const rows = await store.db.selectFrom('sources').select(['id', 'sha256']).where('sha256', 'in', shas.slice(i, i + 1000)).execute()
    for (const r of rows) existing.set(r.sha256, r.id)
  }
  const firstOfSha = new Map<string, number>()
  const fresh: number[] = []
  const repeats: number[] = []
  items.forEach((item, k) => {
    if (existing.has(item.sha256) || firstOfSha.has(item.sha256)) repeats.push(k)
    else { firstOfSha.set(item.sha256, k); fresh.push(k) }
  })
  // Evidence before rows: a crash in between leaves an unreferenced original, never a source without one.
  const written = await mapLimit(fresh, 16, async (k) => {
    try { await writeEvidence(home, items[k]!); return true } catch (e) {
      out[k] = err(`cannot keep the original (${errorMessage(e)})`)
      return false
    }
  })
  const ready = fresh.filter((_, n) => written[n])
  if (ready.length) {
    const group = ready.map((k) => items[k]!)
    let saved: Map<PreparedSource, SavedSource> | null = null
    try { saved = await insertGroup(store, group) } catch { saved = null }
    for (const k of ready) {
      const item = items[k]!
      let s = saved?.get(item)
      if (!s) {
        try { s = (await insertGroup(store, [item])).get(item) } catch (e) {
          out[k] = err(`cannot store the source (${errorMessage(e)})`)
          continue
        }
      }
      out[k] = ok(s!)
    }
  }
  for (const k of repeats) {
    const item = items[k]!
    const known = existing.get(item.sha256)
    if (known) {
      // Already kept: make sure its original is on disk (restores a deleted file), add nothing else.
      try { await writeEvidence(home, item) } catch { if (item.body.kind === 'streamed') await discardStreamed(item.body.streamed) }
      out[k] = ok({ status: 'already', source_id: known, sha256: item.sha256, previous_version_id: null })
      continue
    }
    if (item.body.kind === 'streamed') await discardStreamed(item.body.streamed)
    const first = out[firstOfSha.get(item.sha256)!]!
    out[k] = first.ok ? ok({ ...first.value, status: 'already', previous_version_id: null }) : first
  }
  return out
}
