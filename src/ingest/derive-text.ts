/**
 * Derived text: from an original's bytes to the text the extractor reads (and evidence spans
 * point into), with what the original says about itself (title, publication date, outlet,
 * canonical URL). One deriver per media type; failures are values naming the reason.
 */
import { extname } from 'node:path'
import { err, ok, type Result } from '../domain/index.ts'
import { htmlToText } from './_html.ts'
import { markdownToText, splitFrontMatter } from './_markdown.ts'
import { pdfToText } from './_pdf.ts'
import { toIsoDate } from './_dates.ts'
import { binaryReason, cutUtf8, decodeUtf8 } from './_text.ts'

export type MediaType = 'text/plain' | 'text/markdown' | 'text/html' | 'application/pdf'
export type Deriver = 'plain' | 'markdown' | 'readability' | 'html-strip' | 'pdfjs'

/**
 * Text is derived from at most this many bytes of an original; the rest is kept as evidence
 * only. 2 MB is about a thousand pages, far beyond any report, and bounds memory: the embedded
 * database holds a text value several times over while writing it, and its heap never shrinks.
 */
export const TEXT_CAP_BYTES = 2 * 2 ** 20
/** pdfjs needs the whole file in memory: larger PDFs are refused rather than half-read. */
export const PDF_MAX_BYTES = 64 * 2 ** 20

export interface DerivedText {
  text: string
  deriver: Deriver
  /** true when the text comes from the first TEXT_CAP_BYTES only */
  truncated: boolean
  title: string | null
  published: string | null
  outlet: string | null
  url: string | null
  meta: Record<string, unknown>
}

const BY_EXTENSION: Record<string, MediaType> = {
  '.txt': 'text/plain', '.text': 'text/plain', '.md': 'text/markdown', '.markdown': 'text/markdown',
  '.html': 'text/html', '.htm': 'text/html', '.xhtml': 'text/html', '.pdf': 'application/pdf',
}

/** The media type of a file by its extension, or null when ingest does not read it. */
export function mediaTypeForPath(path: string): MediaType | null {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null
}

/** The media type of an HTTP response: its Content-Type, else the URL's extension. */
export function mediaTypeForResponse(contentType: string | null, url: string): { type: MediaType | null; charset: string | null; declared: string } {
  const declared = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? null
  const byHeader: Record<string, MediaType> = {
    'text/html': 'text/html', 'application/xhtml+xml': 'text/html', 'text/plain': 'text/plain',
    'text/markdown': 'text/markdown', 'text/x-markdown': 'text/markdown', 'application/pdf': 'application/pdf',
  }
  let fromUrl: MediaType | null = null
  try { fromUrl = mediaTypeForPath(new URL(url).pathname) } catch { /* not a URL */ }
  const type = byHeader[declared] ?? (declared === '' || declared === 'application/octet-stream' ? fromUrl : null)
  return { type, charset, declared: declared || 'none' }
}

function frontMatterFields(data: Record<string, unknown>): Pick<DerivedText, 'title' | 'published' | 'outlet' | 'url' | 'meta'> {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null)
  const { title, outlet, published, url, date, ...rest } = data
  const link = str(url)
  return {
    title: str(title),
    outlet: str(outlet),
    published: toIsoDate(published ?? date),
    url: link && /^https?:\/\//i.test(link) ? link : null,
    // Other front-matter keys are kept as they were written, JSON-safe.
    meta: Object.keys(rest).length ? { front_matter: JSON.parse(JSON.stringify(rest)) as unknown } : {},
  }
}

/** The charset an HTML document declares in its first 2 KB, if any. */
function sniffCharset(bytes: Uint8Array): string | null {
  const start = Buffer.from(bytes.subarray(0, 2048)).toString('latin1')
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(start)?.[1] ?? null
}

export interface DeriveOptions {
  /** false when `bytes` is only the first TEXT_CAP_BYTES of a larger original */
  complete: boolean
  /** charset from the HTTP Content-Type, for HTML */
  charset?: string | null | undefined
  /** URL the page was fetched from, to resolve its relative links */
  baseUrl?: string | null | undefined
}

/** Derives the text of an original (or of its first TEXT_CAP_BYTES when `complete` is false). */
export async function deriveText(mediaType: MediaType, bytes: Uint8Array, options: DeriveOptions): Promise<Result<DerivedText>> {
  if (bytes.length === 0) return err('empty file')
  const truncated = !options.complete || bytes.length > TEXT_CAP_BYTES
  if (mediaType === 'application/pdf') {
    if (!options.complete) return err(`PDF too large to read (over ${PDF_MAX_BYTES / 2 ** 20} MB)`)
    const pdf = await pdfToText(bytes)
    if (!pdf.ok) return pdf
    return ok({ ...pdf.value, deriver: 'pdfjs', truncated: false, outlet: null, url: null })
  }
  const head = cutUtf8(bytes, TEXT_CAP_BYTES)
  if (mediaType === 'text/html') {
    const nul = head.indexOf(0)
    if (nul >= 0) return err(`binary content (NUL byte at offset ${nul})`)
    // The HTTP header wins; else the page's own <meta charset> (older Arabic sites use windows-1256).
    const charset = options.charset ?? sniffCharset(head)
    let html: string
    try {
      html = charset && !/^utf-?8$/i.test(charset) ? new TextDecoder(charset).decode(head) : decodeUtf8(head)
    } catch {
      html = decodeUtf8(head)
    }
    const page = htmlToText(html, options.baseUrl ?? null)
    if (page.text === '') return err('no readable text in the page')
    return ok({ ...page, truncated })
  }
  const why = binaryReason(head)
  if (why) return err(why)
  const split = splitFrontMatter(decodeUtf8(head))
  if (!split.ok) return split
  const fields = frontMatterFields(split.value.data)
  if (mediaType === 'text/markdown') {
    const md = markdownToText(split.value.body)
    if (md.text === '') return err('no text (only front matter or markup)')
    return ok({ ...fields, title: fields.title ?? md.heading, text: md.text, deriver: 'markdown', truncated })
  }
  const text = split.value.body.trim()
  if (text === '') return err(Object.keys(split.value.data).length ? 'no text after the front matter' : 'only whitespace')
  return ok({ ...fields, text, deriver: 'plain', truncated })
}
