/**
 * Feeds (RSS 2.0, RSS 1.0/RDF and Atom): each poll fetches the feed (conditionally, with its
 * ETag / Last-Modified), and ingests every entry not seen before: its link fetched as a page,
 * or, when the link fails or is absent, the entry's own content. Seen entries are remembered
 * in `feed_items`; an entry that could not be ingested is tried again at the next poll.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { sql } from 'kysely'
import type { Store } from '../store/index.ts'
import { errorMessage, err, ok, type Result } from '../domain/index.ts'
import { toIsoDate } from './_dates.ts'
import { sha256Of } from './evidence-store.ts'
import { fetchFollowing, checkUrl, type FetchOptions } from './fetch-original.ts'
import { fetchAndPrepare } from './ingest-url.ts'
import { prepareBytes } from './_prepare.ts'
import { saveSources } from './save-sources.ts'
import { failure, oneLine, summarise, type IngestReport, type IngestResult } from './ingest-result.ts'

const MAX_FEED_BYTES = 20 * 2 ** 20

export interface FeedEntry {
  key: string
  title: string | null
  link: string | null
  published: string | null
  /** HTML or text content carried by the feed itself */
  content: string | null
}

export interface ParsedFeed { title: string | null; entries: FeedEntry[] }

export interface FeedPoll extends IngestReport {
  feed: string
  /** 200, or 304 when the feed had not changed */
  status: number
  /** entries in the feed already seen at an earlier poll */
  seen: number
}

type Node = Record<string, unknown>

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || null
  if (Array.isArray(v)) return text(v[0])
  if (typeof v === 'object') return text((v as Node)['#text'])
  return null
}

function list(v: unknown): Node[] {
  if (v === undefined || v === null) return []
  return (Array.isArray(v) ? v : [v]).filter((x): x is Node => typeof x === 'object' && x !== null)
}

function atomLink(v: unknown): string | null {
  const links = Array.isArray(v) ? v : v === undefined ? [] : [v]
  let fallback: string | null = null
  for (const l of links) {
    if (typeof l === 'string') { fallback ??= l; continue }
    const node = l as Node
    const href = typeof node['@_href'] === 'string' ? node['@_href'] : null
    const rel = node['@_rel']
    if (href && (rel === undefined || rel === 'alternate')) return href
    fallback ??= href
  }
  return fallback
}

/** Parses RSS or Atom XML; anything else is an error naming what was found. */
export function parseFeed(xml: string, baseUrl: string): Result<ParsedFeed> {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) return err(`not an RSS or Atom feed (malformed XML: ${valid.err.msg} at line ${valid.err.line})`)
  let doc: Node
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', processEntities: true, htmlEntities: true }).parse(xml) as Node
  } catch (e) {
    return err(`not an RSS or Atom feed (${errorMessage(e)})`)
  }
  const abs = (link: string | null) => {
    if (!link) return null
    try { return new URL(link, baseUrl).href } catch { return null }
  }
  const entry = (e: {
    id: unknown; title: unknown; link: string | null; date: unknown; content: unknown
  }): FeedEntry => {
    const link = abs(e.link)
    const title = text(e.title)
    const content = text(e.content)
    return {
      key: text(e.id) ?? link ?? `sha256:${sha256Of(Buffer.from(`${title ?? ''}\n${content ?? ''}`))}`,
      title,
      link,
      published: toIsoDate(text(e.date)),
      content,
    }
  }
  const rss = doc.rss as Node | undefined
  if (rss) {
    const channel = list(rss.channel)[0] ?? {}
    return ok({
      title: text(channel.title),
      entries: list(channel.item).map((i) => entry({ id: i.guid, title: i.title, link: text(i.link), date: i.pubDate ?? i['dc:date'], content: i['content:encoded'] ?? i.description })),
    })
  }
  const rdf = doc['rdf:RDF'] as Node | undefined
  if (rdf) {
    return ok({
      title: text(list(rdf.channel)[0]?.title),
      entries: list(rdf.item).map((i) => entry({ id: i['@_rdf:about'], title: i.title, link: text(i.link), date: i['dc:date'], content: i['content:encoded'] ?? i.description })),
    })
  }
  const atom = doc.feed as Node | undefined
  if (atom) {
    return ok({
      title: text(atom.title),
      entries: list(atom.entry).map((e) => entry({ id: e.id, title: e.title, link: atomLink(e.link), date: e.published ?? e.updated, content: e.content ?? e.summary })),
    })
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing'
  return err(`not an RSS or Atom feed (root element <${root}>)`)
}

export interface PollFeedOptions extends FetchOptions {
  /** called after each new entry is committed (or has failed) */
  onProgress?: ((result: IngestResult) => void) | undefined
}

async function readBody(response: Response): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const parts: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > MAX_FEED_BYTES) {
      await reader.cancel()
      throw new Error(`feed larger than ${MAX_FEED_BYTES / 2 ** 20} MB`)
    }
    parts.push(value)
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(parts))
}

/**
 * Polls a feed once and ingests its new entries. The feed itself failing (HTTP error,
 * garbage, redirect loop) is an error value: `Cannot poll feed "URL": reason`.
 *
 * @example
 * const poll = await pollFeed(store, home, 'https://example.org/feed.xml')
 * if (poll.ok) console.log(`${poll.value.added.length} new`)
 */
export async function pollFeed(store: Store, home: string, feedUrl: string, options: PollFeedOptions = {}): Promise<Result<FeedPoll>> {
  const fail = (reason: string) => err(oneLine(`Cannot poll feed "${feedUrl}": ${reason}`))
  const checked = checkUrl(feedUrl)
  if (!checked.ok) return fail(checked.error)
  await store.db.insertInto('feeds').values({ url: feedUrl }).onConflict((oc) => oc.column('url').doNothing()).execute()
  const state = await store.db.selectFrom('feeds').selectAll().where('url', '=', feedUrl).executeTakeFirstOrThrow()
  const conditional: Record<string, string> = {}
  if (state.etag) conditional['if-none-match'] = state.etag
  if (state.last_modified) conditional['if-modified-since'] = state.last_modified
  const record = (patch: { last_status: number | null; last_error: string | null; etag?: string | null; last_modified?: string | null }) =>
    store.db.updateTable('feeds').set({ ...patch, last_error: patch.last_error === null ? null : oneLine(patch.last_error), last_polled_at: sql<string>`now()` }).where('url', '=', feedUrl).execute()

  const fetched = await fetchFollowing(feedUrl, { ...options, headers: { ...conditional, accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1' } })
  if (!fetched.ok) {
    await record({ last_status: Number(/^HTTP (\d+)/.exec(fetched.error)?.[1]) || null, last_error: fetched.error })
    return fail(fetched.error)
  }
  const { response } = fetched.value
  if (response.status === 304) {
    await record({ last_status: 304, last_error: null })
    return ok({ feed: feedUrl, status: 304, seen: 0, ...summarise([]) })
  }
  let parsed: Result<ParsedFeed>
  try {
    parsed = parseFeed(await readBody(response), fetched.value.finalUrl)
  } catch (e) {
    parsed = err(`download failed (${errorMessage(e)})`)
  }
  if (!parsed.ok) {
    await record({ last_status: response.status, last_error: parsed.error })
    return fail(parsed.error)
  }
  const feed = parsed.value
  const keys = feed.entries.map((e) => e.key)
  const known = new Set(keys.length
    ? (await store.db.selectFrom('feed_items').select('item_key').where('feed_url', '=', feedUrl).where('item_key', 'in', keys).execute()).map((r) => r.item_key)
    : [])
  const results: IngestResult[] = []
  let seen = 0
  const fresh = new Set<string>()
  for (const entry of feed.entries) {
    if (known.has(entry.key) || fresh.has(entry.key)) { seen++; continue }
    fresh.add(entry.key)
    const input = entry.link ?? `${feedUrl}#${entry.key}`
    const meta = { feed: feedUrl, feed_entry: entry.key, ...(entry.title ? { feed_title: entry.title } : {}) }
    let prepared = entry.link
      ? await fetchAndPrepare(home, entry.link, { ...options, originKind: 'feed', meta, published: entry.published ?? undefined, title: entry.title ?? undefined, ...(feed.title ? { outlet: feed.title } : {}) })
      : err('entry has no link')
    if (!prepared.ok && entry.content) {
      // The feed's own copy of the entry is the evidence we can keep when the page is unreachable.
      const linkError = prepared.error
      prepared = await prepareBytes(input, Buffer.from(entry.content, 'utf8'), 'text/html', {
        origin_kind: 'feed',
        origin: input,
        url: null,
        http_status: null,
        http_headers: null,
        retrieved_at: new Date().toISOString(),
        meta: { ...meta, from: 'feed entry content', ...(entry.link ? { link: entry.link, link_error: linkError } : {}) },
        overrides: { published: entry.published, title: entry.title },
        defaults: { outlet: feed.title },
      })
    }
    let result: IngestResult
    if (!prepared.ok) result = failure(input, prepared.error)
    else {
      const [saved] = await saveSources(store, home, [prepared.value])
      if (saved?.ok) {
        await store.db.insertInto('feed_items').values({ feed_url: feedUrl, item_key: entry.key, source_id: saved.value.source_id })
          .onConflict((oc) => oc.columns(['feed_url', 'item_key']).doNothing()).execute()
        result = { ok: true, value: { input, ...saved.value } }
      } else result = failure(input, saved?.error ?? 'not saved')
    }
    results.push(result)
    options.onProgress?.(result)
  }
  // Validators are kept only when every entry went in, so a failed entry is retried next time.
  const allIn = results.every((r) => r.ok)
  await record({ last_status: response.status, last_error: null, etag: allIn ? response.headers.get('etag') : null, last_modified: allIn ? response.headers.get('last-modified') : null })
  return ok({ feed: feedUrl, status: response.status, seen, ...summarise(results) })
}
