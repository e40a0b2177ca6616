/**
 * Name keys for matching Arabic place names as monitors actually write them.
 *
 * Three keys, from strict to loose, all computed token by token and concatenated, so that a
 * window of tokens in free text yields the same key as the whole name ("Kafr Nobol" and
 * "Kafrnobol" share every key):
 * - `exact`: Latin folded to ASCII, apostrophes and ʿayn/hamza marks dropped, articles and
 *   sun-letter forms (al-, el-, ash-, ad-, …) dropped, common words unified (Kafr/Kfar/Kefer,
 *   Tell/Tal, Deir/Dayr, …). Arabic script: hamza-alif, alif maqsura, ta marbuta, harakat,
 *   tatweel and bidi marks normalised, the article ال dropped.
 * - `phone` (Latin only): vowels reduced to four classes (a; e/ei/ay/ai; i/ee/y; u/o/ou/oo),
 *   consonants to the skeleton classes below, doubles collapsed, ta marbuta ending dropped.
 * - `skeleton`: consonants only, in classes shared by both scripts so a Latin spelling and an
 *   Arabic name meet: b/p=B t/ṭ=T th/dh/z/ẓ/ḏ=Z j/dj=J h/ḥ/kh=H d/ḍ=D s/ṣ=S sh/ch=X
 *   q/k/g/gh=K f/v=F; w and y count only word-initially; ʿayn, hamza and vowels vanish.
 */

const LATIN_MARKS = /[’‘`'ʿʾ´′ʻʼʽ"“”]/g
const COMBINING = /[\u0300-\u036f]/g
const ARABIC_DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g
/** bidi controls, zero-width characters, BOM, soft hyphen */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u061c]/g

/** Latin article tokens, incl. sun-letter assimilated forms, dropped when they precede a word. */
const ARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'il', 'ul', 'ash', 'ech', 'esh', 'as', 'es', 'ad', 'ed', 'ar', 'er', 'at', 'et', 'az', 'ez', 'an', 'en',
  'ath', 'adh', 'ats', 'l',
])

/** Common words in place names, spelled many ways: unified before any key is built. */
const WORD_VARIANTS: ReadonlyMap<string, string> = new Map(
  ([
    ['kafr', ['kafar', 'kfar', 'kefer', 'kfer', 'kafer', 'kefr', 'kufr', 'kfr', 'kafir?']],
    ['tal', ['tell', 'tall', 'tel', 'til', 'tel']],
    ['jabal', ['jebel', 'jabel', 'jbel', 'jebal', 'djebel', 'gebel', 'jabl']],
    ['khirbat', ['khirbet', 'kherbet', 'khirbeh', 'khirba', 'kharbet', 'khurbet', 'kherbeh', 'khirbit', 'khirbe']],
    ['dayr', ['deir', 'dair', 'der', 'dier', 'deyr']],
    ['maarat', ['maarrat', 'marat', 'maaret', 'maarret', 'marrat', 'maarra', 'maara', 'maarrah', 'maarah', 'maarat', 'marret', 'maarit', 'mearat', 'meret']],
    ['ayn', ['ain', 'ein', 'eyn', 'ayin', 'aen']],
    ['bayt', ['beit', 'bait', 'beyt', 'bet']],
    ['abu', ['abou', 'abo', 'ebu', 'abul', 'abil', 'aboul']],
    ['umm', ['um', 'om', 'oum', 'omm', 'oumm']],
    ['shaykh', ['sheikh', 'shaikh', 'sheik', 'shekh', 'shiekh', 'cheikh', 'shiek', 'sheykh', 'shikh', 'cheik']],
    ['jisr', ['jisir', 'jesr', 'djisr']],
    ['qasr', ['kasr', 'qaser']],
    ['mazraat', ['mazraet', 'mazraa', 'mazraah', 'mazrat', 'mazraeh', 'mazraa']],
    ['wadi', ['wady', 'wadee']],
  ] as const).flatMap(([canon, variants]) => variants.filter((v) => !v.endsWith('?')).map((v) => [v, canon] as [string, string])),
)

/** Lower-case, ASCII-folded, marks dropped; non-letters become spaces. Keeps Arabic letters. */
const PLAIN_ASCII = /^[\x20-\x26\x28-\x5f\x61-\x7e]*$/

export function foldText(input: string): string {
  // most queries are plain ASCII: skip Unicode decomposition and the mark tables
  if (PLAIN_ASCII.test(input)) return input.toLowerCase()
  return input
    .normalize('NFKD')
    .replace(COMBINING, '')
    .replace(INVISIBLE, '')
    .replace(LATIN_MARKS, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
}

/** Arabic-script normalisation: hamza forms of alif, alif maqsura, ta marbuta, harakat, tatweel, bidi marks. */
export function normaliseArabic(input: string): string {
  return input
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(ARABIC_DIACRITICS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
}

const ARABIC_LETTER = /[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]/
export function isArabicChar(ch: string): boolean {
  return ARABIC_LETTER.test(ch)
}
export function hasArabic(s: string): boolean {
  return /[\u0600-\u06ff]/.test(s)
}

/** A token as the keys see it: script and its three key parts. Empty parts mean "drop". */
export interface TokenKeys {
  exact: string
  phone: string
  skeleton: string
  /** ends in a ta marbuta (Latin -a/-ah/-eh/-e, Arabic ة): a weak hint between near-homonyms */
  tm?: boolean
  /** other readings of the ending: a final h read as ta marbuta kept (Malah → MLH, for ملح),
   *  a final -at read as ta marbuta dropped (Hamat → HM, for حماة) */
  skeletonAlt?: string
  arabic: boolean
  article: boolean
}

/** Skeleton classes of Arabic letters (after normaliseArabic). */
const AR_SKELETON: Record<string, string> = {
  'ب': 'B', 'پ': 'B', 'ت': 'T', 'ط': 'T', 'ث': 'Z', 'ذ': 'Z', 'ز': 'Z', 'ظ': 'Z', 'ج': 'J', 'چ': 'X',
  'ح': 'H', 'خ': 'H', 'ه': 'H', 'د': 'D', 'ض': 'D', 'ر': 'R', 'س': 'S', 'ص': 'S', 'ش': 'X', 'غ': 'K',
  'ق': 'K', 'ك': 'K', 'گ': 'K', 'ک': 'K', 'ف': 'F', 'ڤ': 'F', 'ل': 'L', 'م': 'M', 'ن': 'N',
}

/** Latin digraphs first, then single letters: the shared consonant classes. */
function latinSkeletonUnits(word: string): string[] {
  const out: string[] = []
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!
    const n = word[i + 1] ?? ''
    const two = c + n
    if (two === 'sh' || two === 'ch') { out.push('X'); i++; continue }
    if (two === 'kh') { out.push('Hk'); i++; continue }
    if (two === 'gh') { out.push('K'); i++; continue }
    if (two === 'th' || two === 'dh' || two === 'zh') { out.push('Z'); i++; continue }
    if (two === 'dj') { out.push('J'); i++; continue }
    if (two === 'ph') { out.push('F'); i++; continue }
    if (two === 'ck') { out.push('K'); i++; continue }
    switch (c) {
      case 'b': case 'p': out.push('B'); break
      case 't': out.push('T'); break
      case 'j': out.push('J'); break
      case 'h': out.push('H'); break
      case 'd': out.push('D'); break
      case 'z': out.push('Z'); break
      case 's': out.push('S'); break
      case 'q': case 'k': case 'g': case 'c': out.push('K'); break
      case 'x': out.push('K', 'S'); break
      case 'f': case 'v': out.push('F'); break
      case 'l': out.push('L'); break
      case 'm': out.push('M'); break
      case 'n': out.push('N'); break
      case 'r': out.push('R'); break
      case 'w': out.push(i === 0 ? 'W' : 'w'); break
      case 'y': out.push(i === 0 ? 'Y' : 'y'); break
      case 'a': out.push('a'); break
      case 'e': out.push('e'); break
      case 'i': out.push('i'); break
      case 'o': case 'u': out.push('u'); break
      default: break
    }
  }
  return out
}

const VOWEL_UNITS = new Set(['a', 'e', 'i', 'u', 'w', 'y'])

/** Vowel run → one class: a; e (e, ei, ay, ai, ey); i (i, ee, iy, y); u (u, o, ou, oo, aw, w). */
function vowelClass(run: string[]): string {
  const s = run.join('')
  if (s === 'a' || s === 'aa' || s === 'aaa') return 'a'
  if (s.includes('u') || s === 'aw' || s.includes('w')) return 'u'
  if (s === 'ee' || s === 'i' || s === 'ii' || s === 'iy' || s === 'y' || s === 'iyy' || s === 'yi' || s === 'ie' || s === 'ia' || s === 'iya' || s === 'iyya' || s === 'ya' || s === 'iyi') return 'i'
  return 'e'
}

/** Keys of one Latin token (already folded, a-z only). */
function latinTokenKeys(raw: string): TokenKeys {
  const canon = WORD_VARIANTS.get(raw) ?? raw
  const exact = canon.replace(/(.)\1+/g, '$1')
  const units = latinSkeletonUnits(canon)
  // Ta marbuta and final -h after a vowel: Hamah/Hama, Khirbeh/Khirba, Tamanaah/Tamana.
  let end = units.length
  let droppedH = false
  if (end > 2 && units[end - 1] === 'H' && VOWEL_UNITS.has(units[end - 2]!)) { end--; droppedH = true }
  const body = units.slice(0, end)
  let phone = ''
  let skeleton = ''
  let run: string[] = []
  const flush = (final: boolean): void => {
    if (run.length === 0) return
    // a trailing single vowel is the ta marbuta (-a, -ah, -eh, -aa): dropped; a longer ending
    // (-iyeh, -aya, -ou) is part of the name
    const s = run.join('')
    if (!final || phone.length === 0 || !(s === 'a' || s === 'e' || s === 'aa' || s === 'ae')) phone += vowelClass(run)
    run = []
  }
  // Doubled consonants collapse only when adjacent (gemination: Babilla/Babeela keep both b's).
  // kh is H in the skeleton (ح/خ are confused in writing) but keeps its own sound in the phone key.
  let prev = ''
  for (const unit of body) {
    if (VOWEL_UNITS.has(unit)) { run.push(unit); prev = ''; continue }
    flush(false)
    const u = unit === 'Hk' ? 'H' : unit
    const ph = unit === 'Hk' ? 'Q' : unit
    if (unit !== prev) { phone += ph; skeleton += u }
    prev = unit
  }
  flush(true)
  if (skeleton === '' && phone !== '') skeleton = phone.toUpperCase()
  const keys: TokenKeys = { exact, phone, skeleton, arabic: false, article: false }
  const tail = canon.replace(/h$/, '')
  if (canon.length > 3 && /[aeo]$/.test(tail) && !/[iu]$/.test(canon)) keys.tm = true
  if (droppedH) keys.skeletonAlt = skeleton + 'H'
  else if (end > 2 && units[end - 1] === 'T' && (units[end - 2] === 'a' || units[end - 2] === 'e') && skeleton.length > 2) keys.skeletonAlt = skeleton.slice(0, -1)
  return keys
}

/** Keys of one Arabic token (already normalised). `last`: the last token of the name. */
function arabicTokenKeys(raw: string, last: boolean): TokenKeys {
  let w = raw
  if (w.length > 3 && w.startsWith('ال')) w = w.slice(2)
  const exact = w
  // a Latin-comparable reading: consonant classes plus the long vowels Arabic writes (ا و ي)
  let phone = ''
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!
    let u: string
    if (c === 'ا' || c === 'ى') u = 'a'
    else if (c === 'و') u = i === 0 ? 'W' : 'u'
    else if (c === 'ي') u = i === 0 ? 'Y' : 'i'
    else if (c === 'ه' && i === w.length - 1 && i > 0) u = last ? '' : 'aT'
    else if (c === 'خ') u = 'Q'
    else u = AR_SKELETON[c] ?? ''
    if (u && !phone.endsWith(u)) phone += u
  }
  let skeleton = ''
  // long vowels, ʿayn and hamza separate letters as Latin vowels do, so only true doubles collapse
  let prev = ''
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!
    let u = ''
    if (c === 'و') u = i === 0 ? 'W' : ''
    else if (c === 'ي') u = i === 0 ? 'Y' : ''
    else if (c === 'ه' && i === w.length - 1 && i > 0) u = last ? '' : 'T' // ta marbuta: t in construct
    else u = AR_SKELETON[c] ?? ''
    if (u && u !== prev) skeleton += u
    prev = u
  }
  const keys: TokenKeys = { exact, phone, skeleton, arabic: true, article: false }
  if (last && w.length > 2 && w.endsWith('ه')) keys.tm = true
  return keys
}

/** Splits folded text into word tokens: runs of a-z or runs of Arabic letters. */
const TOKEN_RE = /[a-z0-9]+|[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+/g

/** Keys of every token of a name; articles flagged (not removed) so callers can see them. */
export function tokenKeys(name: string): TokenKeys[] {
  const f = foldText(name)
  const folded = hasArabic(f) ? normaliseArabic(f) : f
  const words = folded.match(TOKEN_RE) ?? []
  const out: TokenKeys[] = []
  words.forEach((w, i) => {
    const arabic = isArabicChar(w[0]!)
    if (!arabic && ARTICLES.has(w) && i < words.length - 1) {
      out.push({ exact: '', phone: '', skeleton: '', arabic, article: true })
      return
    }
    if (arabic && w === 'ال') {
      out.push({ exact: '', phone: '', skeleton: '', arabic, article: true })
      return
    }
    out.push(wordKeys(w, arabic, i === words.length - 1))
  })
  return out
}

// Words recur across names and queries (Kafr, Tal, Khan, عين…): their keys are computed once.
// Bounded, and keys are immutable values, so sharing them is safe.
const WORD_CACHE_MAX = 20_000
const wordCache = new Map<string, TokenKeys>()
function wordKeys(w: string, arabic: boolean, last: boolean): TokenKeys {
  const k = arabic && last ? w + '$' : w
  let keys = wordCache.get(k)
  if (keys === undefined) {
    keys = arabic ? arabicTokenKeys(w, last) : latinTokenKeys(w)
    if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear()
    wordCache.set(k, keys)
  }
  return keys
}

export interface NameKeys {
  /** Latin exact key, '' when the name has no Latin letters */
  exact: string
  /** Arabic exact key, '' when the name has no Arabic letters */
  arabic: string
  /** Latin phonetic key ('' for Arabic names) */
  phone: string
  /** Latin-comparable reading of an Arabic name, long vowels only ('' for Latin names) */
  arPhone: string
  /** skeleton variant for another reading of the ending (see TokenKeys.skeletonAlt) */
  skeletonAlt?: string
  /** the name ends in a ta marbuta */
  tm: boolean
  /** letters in the name (a one-letter query means nothing) */
  letters: number
  skeleton: string
  tokens: number
}

/** Skeletons of consecutive words joined; a letter doubled across the gap counts once (Kafr Roma / Kafrouma). */
export function joinSkeleton(a: string, b: string): string {
  return a && b && a[a.length - 1] === b[0] ? a + b.slice(1) : a + b
}

/** The keys of a whole name (tokens concatenated, articles skipped). */
export function nameKeys(name: string): NameKeys {
  const toks = tokenKeys(name).filter((t) => !t.article)
  let exact = ''
  let arabic = ''
  let phone = ''
  let arPhone = ''
  let skeleton = ''
  for (const t of toks) {
    if (t.arabic) { arabic += t.exact; arPhone = joinSkeleton(arPhone, t.phone) }
    else { exact += t.exact; phone = joinSkeleton(phone, t.phone) }
    skeleton = joinSkeleton(skeleton, t.skeleton)
  }
  const mixed = arabic !== '' && exact !== ''
  const last = toks[toks.length - 1]
  const keys: NameKeys = {
    exact: mixed ? '' : exact, arabic: mixed ? '' : arabic, phone: mixed ? '' : phone, arPhone: mixed ? '' : arPhone, skeleton,
    tokens: toks.length, tm: last?.tm === true, letters: (exact + arabic).replace(/[0-9]/g, '').length,
  }
  if (last?.skeletonAlt) {
    let head = ''
    for (const t of toks.slice(0, -1)) head = joinSkeleton(head, t.skeleton)
    keys.skeletonAlt = joinSkeleton(head, last.skeletonAlt)
  }
  return keys
}

/** The `exact` key of a name: what two spellings must share to be "the same spelling". */
export function normaliseName(name: string): string {
  const k = nameKeys(name)
  return k.exact || k.arabic
}
