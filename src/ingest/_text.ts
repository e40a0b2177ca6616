/**
 * Small text helpers shared by the derivers: UTF-8 checks, entity decoding, a linear
 * (non-recursive) HTML tag stripper and whitespace normalisation.
 */

/** Why a byte buffer is not text, or null when it is valid UTF-8 without NUL bytes. */
export function binaryReason(bytes: Uint8Array): string | null {
  const nul = bytes.indexOf(0)
  if (nul >= 0) return `binary content (NUL byte at offset ${nul})`
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return 'not valid UTF-8 text'
  }
  return null
}

/** Cuts a UTF-8 buffer at `max` bytes without splitting a character. */
export function cutUtf8(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes
  let end = max
  // Back off over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--
  return bytes.subarray(0, end)
}

export function decodeUtf8(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·', bull: '•',
  copy: '©', reg: '®', deg: '°', shy: '', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f',
}

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m
    }
    return NAMED[body.toLowerCase()] ?? m
  })
}

/** Trims lines, collapses runs of spaces and keeps at most one blank line between paragraphs. */
export function normaliseWhitespace(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'title', 'body', 'html', 'caption',
])
/** Elements whose content is never reader text. */
const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head'])
/** Elements whose content is raw text up to their closing tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'xmp'])
/** Page furniture, dropped by the fallback when asked (readability does this job normally). */
const FURNITURE = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu'])

/**
 * Text of an HTML string in one linear pass over its tags: no DOM, no recursion, so a page
 * of 50,000 nested elements cannot overflow the stack. Block elements become line breaks.
 */
export function stripTags(html: string, options: { dropFurniture?: boolean } = {}): string {
  const out: string[] = []
  const tag = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<[!?][^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>/g
  let last = 0
  // While inside a dropped element, text is skipped until its closing tag at the same depth.
  let dropping: string | null = null
  let dropDepth = 0
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    if (dropping === null && m.index > last) out.push(html.slice(last, m.index))
    last = tag.lastIndex
    const name = m[3]?.toLowerCase()
    if (name === undefined) {
      if (dropping === null && m[1] !== undefined) out.push(m[1])
      continue
    }
    const closing = m[2] === '/'
    const selfClosing = m[0].endsWith('/>')
    if (dropping !== null) {
      if (name === dropping) {
        if (closing) dropDepth--
        else if (!selfClosing) dropDepth++
        if (dropDepth === 0) dropping = null
      }
      continue
    }
    if (!closing && !selfClosing && RAW_TEXT.has(name)) {
      // Script and style content is not markup: skip straight to the closing tag.
      const end = new RegExp(`</${name}\\s*>`, 'ig')
      end.lastIndex = tag.lastIndex
      const found = end.exec(html)
      tag.lastIndex = last = found ? end.lastIndex : html.length
      continue
    }
    if (!closing && !selfClosing && (DROP.has(name) || (options.dropFurniture && FURNITURE.has(name)))) {
      dropping = name
      dropDepth = 1
      continue
    }
    if (BLOCK.has(name)) out.push(name === 'br' ? '\n' : name === 'td' || name === 'th' ? ' ' : '\n\n')
  }
  if (dropping === null && last < html.length) out.push(html.slice(last))
  return normaliseWhitespace(decodeEntities(out.join('')))
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])

/** Deepest element nesting of an HTML string, counted in one pass (approximate: no implied closes). */
export function maxNesting(html: string): number {
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>/g
  let depth = 0
  let max = 0
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const name = m[2]?.toLowerCase()
    if (name === undefined || VOID.has(name) || m[3] === '/') continue
    if (m[1] === '/') depth = Math.max(0, depth - 1)
    else if (++depth > max) max = depth
  }
  return max
}
