/**
 * Preparing a report for the extractor: bytes to text, HTML to text, a same-length
 * normalised copy for matching, and the language check. Evidence offsets always refer to
 * `PreparedText.text`, the text the extractor saw (for HTML input: the visible text after
 * scripts, styles and tags were removed, entities decoded).
 */
import { err, ok, type Result } from '../domain/index.ts'

export interface PreparedText {
  /** the text the extractor read; evidence spans index into it */
  text: string
  /** same length as `text`: Arabic-Indic digits as ASCII, curly quotes and dashes folded */
  norm: string
  /** true when the input looked like HTML and was converted */
  fromHtml: boolean
  /** `published:` of a Markdown front matter block, when there is one */
  published: string | null
}

const HTML_HINT = /<(?:html|body|head|p|div|span|article|script|style|br|h[1-6]|a\s|!doctype)\b/i

/** Rejects input that is not text: NUL bytes or a high share of control characters. */
export function checkBytes(bytes: Uint8Array, name: string): Result<string> {
  const n = Math.min(bytes.length, 65536)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!
    if (b === 0) return err(`Cannot extract "${name}": binary input (NUL byte at offset ${i})`)
    if (b < 9 || (b > 13 && b < 32)) control++
  }
  if (n > 0 && control / n > 0.05) return err(`Cannot extract "${name}": binary input (${Math.round((control / n) * 100)}% control bytes)`)
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  let bad = 0
  for (let i = 0; i < Math.min(text.length, 65536); i++) if (text.charCodeAt(i) === 0xfffd) bad++
  if (text.length > 0 && bad / Math.min(text.length, 65536) > 0.05) return err(`Cannot extract "${name}": not UTF-8 text`)
  return ok(text)
}

/** Same check for text already decoded (batch lines, stored texts). */
export function checkText(text: string, name: string): Result<string> {
  const n = Math.min(text.length, 65536)
  let control = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return err(`Cannot extract "${name}": binary input (NUL character at offset ${i})`)
    if (c < 9 || (c > 13 && c < 32) || c === 0xfffd) control++
  }
  if (n > 0 && control / n > 0.05) return err(`Cannot extract "${name}": binary input (${Math.round((control / n) * 100)}% control characters)`)
  return ok(text)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', ndash: '–', mdash: '—', hellip: '…' }

/** Visible text of an HTML document: scripts, styles and comments dropped, blocks become paragraphs. */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template|svg|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(?:br)\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|h[1-6]|li|ul|ol|tr|table|article|section|header|footer|blockquote|title)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' '
      }
      return ENTITIES[e.toLowerCase()] ?? m
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * One UTF-16 unit in, one out, so offsets in `norm` are offsets in `text`. Folds what
 * spelling varies on without changing meaning: Arabic-Indic and Persian digits, curly
 * quotes, dashes, non-breaking spaces, Arabic comma.
 */
export function normalise(text: string): string {
  let out = ''
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let r = -1
    if (c >= 0x0660 && c <= 0x0669) r = 48 + c - 0x0660
    else if (c >= 0x06f0 && c <= 0x06f9) r = 48 + c - 0x06f0
    else if (c === 0x2019 || c === 0x2018 || c === 0x02bc || c === 0x02bf || c === 0x02be || c === 0x60 || c === 0xb4) r = 39
    else if (c === 0x201c || c === 0x201d) r = 34
    else if (c === 0x2013 || c === 0x2014 || c === 0x2010 || c === 0x2011) r = 45
    else if (c === 0xa0 || c === 0x202f || c === 0x2009) r = 32
    else if (c === 0x060c) r = 44
    if (r >= 0) {
      out += text.slice(last, i) + String.fromCharCode(r)
      last = i + 1
    }
  }
  return last === 0 ? text : out + text.slice(last)
}

const FRONT_MATTER = /^---\r?\n([\s\S]{0,4000}?)\r?\n---\r?\n/

export function prepareText(input: string): PreparedText {
  const head = input.slice(0, 4096)
  const fromHtml = HTML_HINT.test(head) && /<\/?[a-z][^>]*>/i.test(head)
  const text = fromHtml ? htmlToText(input) : input
  let norm = normalise(text)
  let published: string | null = null
  // Markdown front matter is metadata, not report text: blanked in the matching copy so offsets still hold
  const fm = FRONT_MATTER.exec(norm)
  if (fm) {
    published = /^published:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(fm[1]!)?.[1] ?? null
    norm = fm[0].replace(/[^\n]/g, ' ') + norm.slice(fm[0].length)
  }
  return { text, norm, fromHtml, published }
}

export type Language = 'en' | 'ar' | 'other' | 'empty'

const EN_STOP = /\b(?:the|of|and|in|was|were|to|on|by|a|killed|said|at|with|from|that|is|are)\b/gi
const OTHER_STOP = /\b(?:le|la|les|des|du|et|est|une|dans|der|die|und|das|ist|el|los|las|del|y|que|por|il|di|che|och|het|een)\b/gi

/**
 * A cheap language guess on a sample: Arabic script share, then English function words against
 * other European ones. Good enough to refuse French or Chinese without a model.
 */
export function detectLanguage(norm: string): Language {
  const sample = norm.length > 20000 ? norm.slice(0, 20000) : norm
  let letters = 0
  let arabic = 0
  let cjk = 0
  let latin = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) { latin++; letters++ } else if (c >= 0x0600 && c <= 0x06ff) { arabic++; letters++ } else if ((c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) { cjk++; letters++ } else if (c > 0x24f && /\p{L}/u.test(sample[i]!)) letters++
  }
  if (letters < 3) return 'empty'
  if (arabic / letters > 0.5) return 'ar'
  if (latin / letters < 0.5) return 'other'
  const en = sample.match(EN_STOP)?.length ?? 0
  const other = sample.match(OTHER_STOP)?.length ?? 0
  const words = sample.match(/[A-Za-z\u00c0-\u024f]+/g)?.length ?? 0
  if (words < 4) return en > 0 || other === 0 ? 'en' : 'other'
  if (other > en) return 'other'
  if (en / words < 0.06) return 'other'
  return 'en'
}
