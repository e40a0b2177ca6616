/**
 * A fast sentence splitter: wink-nlp reads better but costs milliseconds per report, and the
 * extractor must read a thousand reports a second. Paragraphs are blank-line separated;
 * sentences end at . ! ? (or Arabic ؟ ۔) before a capital, digit, quote or Arabic letter,
 * unless the word before is a known abbreviation or an initial.
 */
export interface Sentence {
  start: number
  end: number
  /** index of the paragraph (blank-line separated block) the sentence belongs to */
  para: number
}

const ABBREV = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'col', 'lt', 'capt', 'maj', 'sgt', 'prof', 'no', 'vs', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 'approx', 'est', 'km', 'sen', 'rep', 'gov', 'sheikh', 'jr', 'sr', 'co', 'inc', 'ltd', 'e.g', 'i.e', 'al'])

const BOUNDARY = /[.!?\u061f\u06d4]+["')\]]*(?:[ \t]+|(?=\n))|\n[ \t]*(?:\n\s*)+|\n/g

export function splitSentences(norm: string): Sentence[] {
  const out: Sentence[] = []
  let para = 0
  let start = 0
  BOUNDARY.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = BOUNDARY.exec(norm)) !== null) {
    const token = m[0]
    const isBlank = token[0] === '\n' && /\n[ \t]*\n/.test(token)
    if (token.length === 0) { BOUNDARY.lastIndex++; continue }
    const isNewline = token[0] === '\n'
    const end = m.index + token.length
    if (!isNewline) {
      const next = norm.charCodeAt(end)
      const nextOk = Number.isNaN(next) || (next >= 65 && next <= 90) || (next >= 48 && next <= 57) || next === 34 || next === 39 || next === 0x2018 || next === 0x201c || (next >= 0x0600 && next <= 0x06ff) || next === 40
      if (!nextOk) continue
      if (token[0] === '.') {
        const before = /([A-Za-z.]+)$/.exec(norm.slice(Math.max(0, m.index - 12), m.index))
        const w = before?.[1]?.toLowerCase()
        if (w !== undefined && (ABBREV.has(w) || /^[a-z]$/.test(w))) continue
        // "3. " inside a list number is a boundary; "3.5" never reaches here (no space).
      }
    }
    pushTrimmed(norm, start, m.index + (isNewline ? 0 : token.trimEnd().length), para, out)
    if (isBlank) para++
    start = end
  }
  pushTrimmed(norm, start, norm.length, para, out)
  return out
}

function pushTrimmed(norm: string, s: number, e: number, para: number, out: Sentence[]): void {
  while (s < e && /\s/.test(norm[s]!)) s++
  while (e > s && /\s/.test(norm[e - 1]!)) e--
  if (e > s) out.push({ start: s, end: e, para })
}
