/**
 * HTML to readable text: @mozilla/readability over a linkedom DOM keeps the article and drops
 * navigation and boilerplate; page metadata (title, publication date, outlet, canonical URL)
 * is read from meta tags, JSON-LD and <time> before readability rewrites the document.
 * Pages nested too deep for a DOM walk, or where readability finds nothing, fall back to a
 * linear tag stripper over the body.
 */
import { parseHTML } from 'linkedom'
import { Readability } from '@mozilla/readability'
import { toIsoDate } from './_dates.ts'
import { maxNesting, normaliseWhitespace, stripTags } from './_text.ts'

/** Deeper than any real article; readability and DOM serialisation recurse per level. */
const MAX_DOM_DEPTH = 400
/** Below this many characters, readability's pick is not trusted over the body text. */
const MIN_ARTICLE_CHARS = 80

export interface HtmlText {
  text: string
  deriver: 'readability' | 'html-strip'
  title: string | null
  published: string | null
  outlet: string | null
  url: string | null
  meta: Record<string, unknown>
}

type Doc = ReturnType<typeof parseHTML>['document']

function metaContent(doc: Doc, keys: readonly string[]): string | null {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)
    const v = el?.getAttribute('content')?.trim()
    if (v) return v
  }
  return null
}

function jsonLdDate(doc: Doc): string | null {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? '')
    if (m?.[1]) return m[1]
  }
  return null
}

function readMeta(doc: Doc): Omit<HtmlText, 'text' | 'deriver'> {
  const publishedRaw = metaContent(doc, ['article:published_time', 'og:published_time', 'datePublished', 'date', 'pubdate', 'publishdate', 'DC.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date'])
    ?? jsonLdDate(doc)
    ?? doc.querySelector('time[datetime]')?.getAttribute('datetime')
    ?? null
  const title = metaContent(doc, ['og:title', 'twitter:title']) ?? (doc.querySelector('title')?.textContent?.trim() || null)
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent(doc, ['og:url'])
  const lang = doc.documentElement?.getAttribute('lang') ?? null
  return {
    title: title ? normaliseWhitespace(title) : null,
    published: toIsoDate(publishedRaw),
    outlet: metaContent(doc, ['og:site_name', 'application-name']),
    url: canonical && /^https?:\/\//i.test(canonical) ? canonical : null,
    meta: {
      ...(publishedRaw ? { published_raw: publishedRaw } : {}),
      ...(lang ? { lang } : {}),
    },
  }
}

/** Head-only metadata by regex, for pages too deep for a DOM. */
function shallowMeta(html: string): Omit<HtmlText, 'text' | 'deriver'> {
  const head = html.slice(0, 200_000)
  const pick = (key: string) => new RegExp(`<meta[^>]+(?:property|name)=["']${key}["'][^>]*content=["']([^"']+)["']`, 'i').exec(head)?.[1] ?? null
  const title = pick('og:title') ?? /<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1]?.trim() ?? null
  const publishedRaw = pick('article:published_time') ?? /<time[^>]+datetime=["']([^"']+)["']/i.exec(head)?.[1] ?? null
  return { title: title || null, published: toIsoDate(publishedRaw), outlet: pick('og:site_name'), url: null, meta: {} }
}

export function htmlToText(html: string, baseUrl: string | null): HtmlText {
  if (maxNesting(html) > MAX_DOM_DEPTH) {
    return { ...shallowMeta(html), text: stripTags(html, { dropFurniture: true }), deriver: 'html-strip', meta: { fallback: 'nesting too deep for a DOM' } }
  }
  let metadata: Omit<HtmlText, 'text' | 'deriver'>
  let article: { title?: string | null | undefined; content?: string | null | undefined; siteName?: string | null | undefined; publishedTime?: string | null | undefined } | null = null
  try {
    const { document } = parseHTML(html)
    metadata = readMeta(document)
    if (baseUrl) {
      const base = document.createElement('base')
      base.setAttribute('href', baseUrl)
      document.head?.appendChild(base)
    }
    article = new Readability(document as unknown as Document, { keepClasses: false }).parse()
  } catch (e) {
    // A RangeError (stack) or a parser failure on hostile markup: keep the page, strip it linearly.
    return { ...shallowMeta(html), text: stripTags(html, { dropFurniture: true }), deriver: 'html-strip', meta: { fallback: `readability failed: ${(e as Error).message}` } }
  }
  const articleText = article?.content ? stripTags(article.content) : ''
  const base = {
    ...metadata,
    title: metadata.title ?? (article?.title?.trim() || null),
    outlet: metadata.outlet ?? (article?.siteName?.trim() || null),
    published: metadata.published ?? toIsoDate(article?.publishedTime ?? null),
  }
  if (articleText.length >= MIN_ARTICLE_CHARS) return { ...base, text: articleText, deriver: 'readability' }
  const bodyText = stripTags(html, { dropFurniture: true })
  const text = bodyText.length > articleText.length ? bodyText : articleText
  return { ...base, text, deriver: 'html-strip', meta: { ...base.meta, fallback: 'readability found no article' } }
}
