/**
 * From an original (in memory or streamed to a temporary evidence file) and how it was
 * obtained, to a PreparedSource ready for `saveSources`: derives its text and merges what
 * the document says about itself with what the caller knows.
 */
import { err, ok, type Result } from '../domain/index.ts'
import { deriveText, type DerivedText, type MediaType } from './derive-text.ts'
import { sha256Of, type StreamedOriginal } from './evidence-store.ts'
import type { PreparedSource, OriginKind } from './save-sources.ts'

export interface Provenance {
  origin_kind: OriginKind
  origin: string
  url: string | null
  http_status: number | null
  http_headers: Record<string, string> | null
  retrieved_at: string
  meta: Record<string, unknown>
  charset?: string | null
  /** win over what the document says (e.g. --published, a feed entry's date) */
  overrides?: { published?: string | null; title?: string | null; outlet?: string | null }
  /** used when the document says nothing (e.g. the host name as outlet) */
  defaults?: { title?: string | null; outlet?: string | null }
}

/** Arabic script dominant => 'ar'; the page's own lang attribute otherwise; else unknown. */
function guessLang(text: string, declared: unknown): string | null {
  const sample = text.slice(0, 5000)
  const arabic = sample.match(/[\u0600-\u06ff]/g)?.length ?? 0
  const latin = sample.match(/[A-Za-z]/g)?.length ?? 0
  if (arabic > latin) return 'ar'
  if (typeof declared === 'string' && /^[a-z]{2,3}\b/i.test(declared)) return declared.slice(0, 2).toLowerCase()
  return latin > 0 ? 'en' : null
}

function merge(input: string, sha256: string, byteSize: number, mediaType: MediaType, body: PreparedSource['body'], d: DerivedText, p: Provenance): PreparedSource {
  const o = p.overrides ?? {}
  const published = o.published ?? d.published
  const publishedFrom = o.published ? 'given' : d.published ? 'document' : null
  const meta: Record<string, unknown> = { ...d.meta, ...p.meta }
  if (publishedFrom) meta.published_from = publishedFrom
  if (d.url && d.url !== p.url) meta.document_url = d.url
  return {
    input,
    sha256,
    byteSize,
    body,
    record: {
      media_type: mediaType,
      origin_kind: p.origin_kind,
      origin: p.origin,
      // A file's front matter or a page's canonical link names its URL when it was not fetched.
      url: p.url ?? d.url,
      http_status: p.http_status,
      http_headers: p.http_headers,
      retrieved_at: p.retrieved_at,
      published,
      title: o.title ?? d.title ?? p.defaults?.title ?? null,
      outlet: o.outlet ?? d.outlet ?? p.defaults?.outlet ?? null,
      meta,
    },
    // PostgreSQL text cannot hold NUL; a PDF text layer sometimes carries one.
    text: { text: d.text.replaceAll('\u0000', ''), deriver: d.deriver, truncated: d.truncated, lang: guessLang(d.text, d.meta.lang) },
  }
}

export async function prepareBytes(input: string, bytes: Uint8Array, mediaType: MediaType, p: Provenance): Promise<Result<PreparedSource>> {
  if (bytes.length === 0) return err('empty file')
  const d = await deriveText(mediaType, bytes, { complete: true, charset: p.charset, baseUrl: p.url })
  if (!d.ok) return d
  return ok(merge(input, sha256Of(bytes), bytes.length, mediaType, { kind: 'bytes', bytes }, d.value, p))
}

export async function prepareStreamed(input: string, streamed: StreamedOriginal, mediaType: MediaType, p: Provenance): Promise<Result<PreparedSource>> {
  if (streamed.size === 0) return err('empty file')
  if (streamed.notText) return err(streamed.notText)
  const d = await deriveText(mediaType, streamed.head, { complete: streamed.complete, charset: p.charset, baseUrl: p.url })
  if (!d.ok) return d
  return ok(merge(input, streamed.sha256, streamed.size, mediaType, { kind: 'streamed', streamed: { ...streamed, head: Buffer.alloc(0) } }, d.value, p))
}
