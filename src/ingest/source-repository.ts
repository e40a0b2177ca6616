/**
 * Reading sources back: one with its provenance and derived text, or a filtered list.
 * Plain functions over the Kysely handle (the store's `db`, or a transaction's `trx`).
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../store/index.ts'

export interface SourceSummary {
  id: string
  sha256: string
  media_type: string
  byte_size: number
  origin_kind: string
  origin: string
  url: string | null
  published: string | null
  title: string | null
  outlet: string | null
  retrieved_at: string
  previous_version_id: string | null
}

export interface SourceDetail extends SourceSummary {
  http_status: number | null
  http_headers: Record<string, string> | null
  tool_version: string
  meta: Record<string, unknown>
  created_at: string
  /** later sources with the same URL */
  next_version_ids: string[]
  text: { text: string; deriver: string; truncated: boolean; lang: string | null } | null
}

export interface SourceFilter {
  /** outlet contains this (case-insensitive) */
  outlet?: string | undefined
  /** published on or after, 'YYYY-MM-DD' */
  from?: string | undefined
  /** published on or before, 'YYYY-MM-DD' */
  to?: string | undefined
  /** full-text query over the derived text (web-search syntax; English stemming or exact words) */
  q?: string | undefined
  /** @default 100 */
  limit?: number | undefined
  offset?: number | undefined
}

const SUMMARY = ['id', 'sha256', 'media_type', 'byte_size', 'origin_kind', 'origin', 'url', 'published', 'title', 'outlet', 'retrieved_at', 'previous_version_id'] as const

/** One source with its text, or undefined. Accepts the source id or the full SHA-256. */
export async function getSource(db: Kysely<Database>, idOrSha: string): Promise<SourceDetail | undefined> {
  const column = /^[0-9a-f]{64}$/.test(idOrSha) ? 'sources.sha256' : 'sources.id'
  const row = await db.selectFrom('sources')
    .leftJoin('source_texts', 'source_texts.source_id', 'sources.id')
    .select([...SUMMARY.map((c) => `sources.${c}` as const), 'sources.http_status', 'sources.http_headers', 'sources.tool_version', 'sources.meta', 'sources.created_at',
      'source_texts.text', 'source_texts.deriver', 'source_texts.truncated', 'source_texts.lang'])
    .where(column, '=', idOrSha)
    .executeTakeFirst()
  if (!row) return undefined
  const next = await db.selectFrom('sources').select('id').where('previous_version_id', '=', row.id).orderBy('retrieved_at').execute()
  const { text, deriver, truncated, lang, ...source } = row
  return {
    ...source,
    http_headers: (row.http_headers ?? null) as Record<string, string> | null,
    meta: (row.meta ?? {}) as Record<string, unknown>,
    next_version_ids: next.map((n) => n.id),
    text: text !== null && deriver !== null ? { text, deriver, truncated: truncated ?? false, lang } : null,
  }
}

/** Sources matching the filter, newest publication first (unknown dates last). */
export async function listSources(db: Kysely<Database>, filter: SourceFilter = {}): Promise<SourceSummary[]> {
  let q = db.selectFrom('sources').select(SUMMARY.map((c) => `sources.${c}` as const))
  if (filter.outlet) q = q.where('sources.outlet', 'ilike', `%${filter.outlet.replace(/[\\%_]/g, (c) => '\\' + c)}%`)
  if (filter.from) q = q.where('sources.published', '>=', filter.from)
  if (filter.to) q = q.where('sources.published', '<=', filter.to)
  if (filter.q) {
    const text = filter.q
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('source_texts').select('source_texts.source_id')
      .whereRef('source_texts.source_id', '=', 'sources.id')
      .where(sql<boolean>`(search @@ websearch_to_tsquery('english', ${text}) or search @@ websearch_to_tsquery('simple', ${text}))`)))
  }
  return q.orderBy(sql`sources.published desc nulls last`).orderBy('sources.retrieved_at', 'desc').orderBy('sources.id')
    .limit(filter.limit ?? 100).offset(filter.offset ?? 0).execute()
}
