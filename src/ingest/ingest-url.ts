/**
 * Ingesting one web page (or PDF, or text) by URL: fetched, streamed into the evidence store
 * with its status and headers, text derived. The same URL fetched again with new bytes
 * becomes a new version linked to the earlier one.
 */
import type { Store } from '../store/index.ts'
import { err, errorMessage, type Result } from '../domain/index.ts'
import { mediaTypeForResponse, PDF_MAX_BYTES, TEXT_CAP_BYTES } from './derive-text.ts'
import { discardStreamed, streamToEvidence } from './evidence-store.ts'
import { fetchFollowing, headersRecord, bodyChunks, type FetchOptions } from './fetch-original.ts'
import { prepareStreamed, type Provenance } from './_prepare.ts'
import { saveSources, type OriginKind, type PreparedSource } from './save-sources.ts'
import { failure, type IngestResult } from './ingest-result.ts'

/** Largest original kept from the web. */
const MAX_DOWNLOAD_BYTES = 512 * 2 ** 20

export interface IngestUrlOptions extends FetchOptions {
  /** 'YYYY-MM-DD', over what the page says */
  published?: string | undefined
  /** @default 'url' */
  originKind?: OriginKind | undefined
  /** provenance to add (e.g. the feed an entry came from) */
  meta?: Record<string, unknown> | undefined
  title?: string | undefined
  /** outlet when the page names none @default the host name */
  outlet?: string | undefined
}

/** Fetches and prepares one URL, without saving: the feed poller decides what to do on failure. */
export async function fetchAndPrepare(home: string, url: string, options: IngestUrlOptions = {}): Promise<Result<PreparedSource>> {
  const fetched = await fetchFollowing(url, options)
  if (!fetched.ok) return fetched
  const { response, finalUrl, redirects, requestedUrl } = fetched.value
  if (response.status === 304) return err('HTTP 304 Not Modified')
  const media = mediaTypeForResponse(response.headers.get('content-type'), finalUrl)
  if (!media.type) {
    await response.body?.cancel().catch(() => undefined)
    return err(`unsupported media type "${media.declared}"`)
  }
  const retrieved_at = new Date().toISOString()
  let streamed
  try {
    streamed = await streamToEvidence(home, bodyChunks(response), {
      headBytes: media.type === 'application/pdf' ? PDF_MAX_BYTES : TEXT_CAP_BYTES,
      checkText: media.type === 'text/plain' || media.type === 'text/markdown',
      maxBytes: MAX_DOWNLOAD_BYTES,
    })
  } catch (e) {
    return err(`download failed (${errorMessage(e)})`)
  }
  const host = new URL(finalUrl).hostname.replace(/^www\./, '')
  const provenance: Provenance = {
    origin_kind: options.originKind ?? 'url',
    origin: requestedUrl,
    url: requestedUrl,
    http_status: response.status,
    http_headers: headersRecord(response.headers),
    retrieved_at,
    charset: media.charset,
    meta: { ...(redirects.length ? { redirects, final_url: finalUrl } : {}), ...options.meta },
    overrides: { published: options.published ?? null, title: options.title ?? null },
    defaults: { outlet: options.outlet ?? host },
  }
  const prepared = await prepareStreamed(requestedUrl, streamed, media.type, provenance)
  if (!prepared.ok) await discardStreamed(streamed)
  return prepared
}

/**
 * Ingests the page at `url` (http and https only).
 *
 * @example
 * const r = await ingestUrl(store, home, 'https://example.org/report')
 * if (!r.ok) console.error(r.error.error)
 */
export async function ingestUrl(store: Store, home: string, url: string, options: IngestUrlOptions = {}): Promise<IngestResult> {
  const prepared = await fetchAndPrepare(home, url, options)
  if (!prepared.ok) return failure(url, prepared.error)
  const [saved] = await saveSources(store, home, [prepared.value])
  if (!saved?.ok) return failure(url, saved?.error ?? 'not saved')
  return { ok: true, value: { input: url, ...saved.value } }
}
