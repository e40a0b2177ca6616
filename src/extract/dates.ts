/**
 * Dates in a report, anchored on its publication date. The common shapes (absolute dates,
 * ranges, weekdays, "yesterday", back-references like "the same day") are read with
 * compiled patterns, because chrono-node over a whole report costs ~2 ms; chrono-node parses
 * the leftovers (e.g. "two weeks ago", "last month") on small windows only.
 */
import * as chrono from 'chrono-node'

export type DateKind =
  /** a day stated in the text or relative to publication */
  | 'day'
  /** "the same day", "that first day": the last day mentioned before */
  | 'back'
  /** a stated range "between 7 and 10 September" */
  | 'range'
  /** "by 10 October", "the 10 October deadline": an obligation, not an event day */
  | 'deadline'

export interface DateMention {
  start: number
  end: number
  kind: DateKind
  /** days since 1970-01-01 (UTC); for 'back' filled in by the reader in text order */
  day: number | null
  dayEnd: number | null
  /** for 'back' mentions: offset in days from the referenced day ("the following day" = +1) */
  offset: number
}

const MONTHS: Record<string, number> = {
  jan: 0, january: 0, feb: 1, february: 1, mar: 2, march: 2, apr: 3, april: 3, may: 4, jun: 5, june: 5, jul: 6, july: 6,
  aug: 7, august: 7, sep: 8, sept: 8, september: 8, oct: 9, october: 9, nov: 10, november: 10, dec: 11, december: 11,
  // Arabic: Levantine (Syriac) and Egyptian/Gulf month names
  'كانون الثاني': 0, 'يناير': 0, 'شباط': 1, 'فبراير': 1, 'آذار': 2, 'اذار': 2, 'مارس': 2, 'نيسان': 3, 'أبريل': 3, 'ابريل': 3, 'إبريل': 3,
  'أيار': 4, 'ايار': 4, 'مايو': 4, 'حزيران': 5, 'يونيو': 5, 'يونيه': 5, 'تموز': 6, 'يوليو': 6, 'يوليه': 6, 'آب': 7, 'اب': 7, 'أغسطس': 7, 'اغسطس': 7,
  'أيلول': 8, 'ايلول': 8, 'سبتمبر': 8, 'تشرين الأول': 9, 'تشرين الاول': 9, 'أكتوبر': 9, 'اكتوبر': 9, 'تشرين الثاني': 10, 'نوفمبر': 10,
  'كانون الأول': 11, 'كانون الاول': 11, 'ديسمبر': 11,
}
const MONTH_SRC = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`
const AR_MONTH_SRC = 'كانون الثاني|كانون الأول|كانون الاول|تشرين الأول|تشرين الاول|تشرين الثاني|يناير|شباط|فبراير|آذار|اذار|مارس|نيسان|أبريل|ابريل|إبريل|أيار|ايار|مايو|حزيران|يونيو|يونيه|تموز|يوليو|يوليه|أغسطس|اغسطس|آب|أيلول|ايلول|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر'
const WEEKDAY_SRC = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 }
const AR_WEEKDAYS: Record<string, number> = { 'الأحد': 0, 'الاحد': 0, 'الإثنين': 1, 'الاثنين': 1, 'الثلاثاء': 2, 'الأربعاء': 3, 'الاربعاء': 3, 'الخميس': 4, 'الجمعة': 5, 'السبت': 6 }
const D = String.raw`(\d{1,2})(?:st|nd|rd|th)?`
const Y = String.raw`(?:,?\s+((?:19|20)\d{2}))?`

// Order matters only for overlap resolution: longer matches win.
const R_RANGE_DDM = new RegExp(String.raw`\b(?:between\s+|from\s+)?${D}\s*(?:and|to|-|until|till)\s*${D}\s+(?:of\s+)?(${MONTH_SRC})${Y}\b`, 'gi')
const R_RANGE_DMDM = new RegExp(String.raw`\b(?:between\s+|from\s+)?${D}\s+(?:of\s+)?(${MONTH_SRC})${Y}\s*(?:and|to|-|until|till)\s*${D}\s+(?:of\s+)?(${MONTH_SRC})${Y}\b`, 'gi')
const R_RANGE_MDD = new RegExp(String.raw`\b(?:between\s+|from\s+)?(${MONTH_SRC})\s+${D}\s*(?:and|to|-|until|till)\s*${D}${Y}\b`, 'gi')
const R_RANGE_MDMD = new RegExp(String.raw`\b(?:between\s+|from\s+)?(${MONTH_SRC})\s+${D}\s*(?:and|to|-|until|till)\s*(${MONTH_SRC})\s+${D}${Y}\b`, 'gi')
const R_DMY = new RegExp(String.raw`\b(?:(?:on\s+)?${WEEKDAY_SRC},?\s+)?(?:the\s+)?${D}\s+(?:of\s+)?(${MONTH_SRC})${Y}\b`, 'gi')
const R_MDY = new RegExp(String.raw`\b(?:(?:on\s+)?${WEEKDAY_SRC},?\s+)?(${MONTH_SRC})\s+${D}\b(?!\s*(?:km|kilomet|people|civilians))${Y}`, 'gi')
const R_MONTH_RANGE = new RegExp(String.raw`\b(?:between|from)\s+(${MONTH_SRC})(?:\s+((?:19|20)\d{2}))?\s+(?:and|to|until|till)\s+(${MONTH_SRC})\s+((?:19|20)\d{2})\b`, 'gi')
const R_ISO = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/g
const R_NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b/g
const R_WEEKDAY = new RegExp(String.raw`\b(?:(on|last|this|early|late|on\s+the\s+night\s+of|overnight)\s+)?(${WEEKDAY_SRC})(?:'s)?\b`, 'gi')
const R_RELATIVE = /\b(yesterday|today|tonight|this morning|this afternoon|this evening|earlier today|last night|overnight|the day before|the previous day|the same day|that same day|that day|that (?:first|second|third) day|(?:on )?the (?:first|second|third) day|the following day|the next day|the day after|(?:a|one|two|three|four|five|six|\d) days? (?:ago|earlier|later|before|after)|a week ago|last week)\b/gi
const R_YEAR_END = /\b(?:by|before|until)\s+(?:the\s+)?(?:year's\s+end|end\s+of\s+(?:the\s+)?year|year\s+end|end-of-year)\b/gi
const R_AR_DMY = new RegExp(String.raw`(\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?(${AR_MONTH_SRC})(?:\s*/\s*(?:${AR_MONTH_SRC}))?(?:\s*(?:عام|سنة)?\s*((?:19|20)\d{2}))?`, 'g')
const R_AR_REL = /(?:^|[\s،,.(])(أمس|البارحة|اليوم|يوم أمس|أول أمس|الليلة الماضية|ليلة أمس)(?=$|[\s،,.)])/g
const R_AR_WEEKDAY = /(?:يوم\s+)(الأحد|الاحد|الإثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت)/g
// Leftovers for chrono-node: relative phrases the patterns above do not cover.
const R_HOLIDAY = /\b(Christmas Day|Christmas Eve|New Year's Day|New Year's Eve)\b/g
const R_CHRONO = /\b(?:(?:two|three|four|five|\d+) weeks? ago|last (?:month|weekend)|(?:early|mid|late)[- ](?:January|February|March|April|May|June|July|August|September|October|November|December))\b/gi

export const DAY_MS = 86400000
export const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m, d) / DAY_MS
export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)
export const dayOfIso = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number)
  return dayOf(y!, m! - 1, d!)
}

function monthIndex(raw: string): number {
  const k = raw.toLowerCase().replace(/\.$/, '')
  return MONTHS[k] ?? MONTHS[raw] ?? -1
}

/**
 * The year of a day-month without a year: the publication year, or the one before when that
 * would put an event after publication (a report published in January about "28 December").
 * Deadlines look forward instead.
 */
function withYear(month: number, d: number, year: string | undefined, ref: Ref, forward: boolean): number | null {
  if (d < 1 || d > 31 || month < 0) return null
  if (year) return dayOf(Number(year), month, d)
  const y = ref.year
  if (y === null) return null
  const day = dayOf(y, month, d)
  if (ref.day === null) return day
  if (forward) return day < ref.day - 120 ? dayOf(y + 1, month, d) : day
  return day > ref.day + 7 ? dayOf(y - 1, month, d) : day
}

interface Ref {
  /** publication day (days since epoch) or null */
  day: number | null
  year: number | null
}

/** A mention before overlapping readings are resolved: the same shape as the result. */
type Raw = DateMention

function isDeadline(norm: string, start: number, end: number): boolean {
  const before = norm.slice(Math.max(0, start - 12), start).toLowerCase()
  const after = norm.slice(end, end + 12).toLowerCase()
  return /\b(?:by|before|until|no later than)\s+(?:the\s+)?$/.test(before) || /^\s*deadline/.test(after)
}

/** Every date mention in `norm`, sorted by position, overlaps resolved (longest wins). */
export function readDates(norm: string, published: string | null): DateMention[] {
  const pub = published ? dayOfIso(published) : null
  const explicitYear = /\b((?:19|20)\d{2})\b/.exec(norm)
  const ref: Ref = { day: pub, year: pub !== null ? new Date(pub * DAY_MS).getUTCFullYear() : explicitYear ? Number(explicitYear[1]) : null }
  const raws: Raw[] = []
  const add = (r: Raw): void => { raws.push(r) }
  let m: RegExpExecArray | null

  for (const re of [R_RANGE_MDMD, R_HOLIDAY, R_MONTH_RANGE, R_RANGE_DDM, R_RANGE_DMDM, R_RANGE_MDD, R_DMY, R_MDY, R_ISO, R_NUMERIC, R_WEEKDAY, R_RELATIVE, R_YEAR_END, R_AR_DMY, R_AR_REL, R_AR_WEEKDAY, R_CHRONO]) re.lastIndex = 0

  while ((m = R_RANGE_MDMD.exec(norm))) {
    const a = withYear(monthIndex(m[1]!), Number(m[2]), m[5], ref, false)
    const b = withYear(monthIndex(m[3]!), Number(m[4]), m[5], ref, false)
    if (a !== null && b !== null && b >= a) add({ start: m.index, end: m.index + m[0].length, kind: 'range', day: a, dayEnd: b, offset: 0 })
  }
  while ((m = R_HOLIDAY.exec(norm))) {
    const h = m[1]!.toLowerCase()
    const [mo, d] = h.startsWith('christmas day') ? [11, 25] : h.startsWith('christmas eve') ? [11, 24] : h.includes('eve') ? [11, 31] : [0, 1]
    const day = withYear(mo!, d!, undefined, ref, false)
    if (day !== null) add({ start: m.index, end: m.index + m[0].length, kind: 'day', day, dayEnd: null, offset: 0 })
  }
  while ((m = R_MONTH_RANGE.exec(norm))) {
    const y2 = Number(m[4])
    const m1 = monthIndex(m[1]!)
    const m2 = monthIndex(m[3]!)
    const y1 = m[2] ? Number(m[2]) : m1 <= m2 ? y2 : y2 - 1
    const a = dayOf(y1, m1, 1)
    const b = dayOf(y2, m2 + 1, 1) - 1
    if (b >= a) add({ start: m.index, end: m.index + m[0].length, kind: 'range', day: a, dayEnd: b, offset: 0 })
  }
  while ((m = R_RANGE_DDM.exec(norm))) {
    const mo = monthIndex(m[3]!)
    const a = withYear(mo, Number(m[1]), m[4], ref, false)
    const b = withYear(mo, Number(m[2]), m[4], ref, false)
    if (a !== null && b !== null && b >= a) add({ start: m.index, end: m.index + m[0].length, kind: 'range', day: a, dayEnd: b, offset: 0 })
  }
  while ((m = R_RANGE_DMDM.exec(norm))) {
    const b = withYear(monthIndex(m[5]!), Number(m[4]), m[6], ref, false)
    const a = withYear(monthIndex(m[2]!), Number(m[1]), m[3] ?? m[6], ref, false)
    if (a !== null && b !== null && b >= a) add({ start: m.index, end: m.index + m[0].length, kind: 'range', day: a, dayEnd: b, offset: 0 })
  }
  while ((m = R_RANGE_MDD.exec(norm))) {
    const mo = monthIndex(m[1]!)
    const a = withYear(mo, Number(m[2]), m[4], ref, false)
    const b = withYear(mo, Number(m[3]), m[4], ref, false)
    if (a !== null && b !== null && b >= a) add({ start: m.index, end: m.index + m[0].length, kind: 'range', day: a, dayEnd: b, offset: 0 })
  }
  for (const re of [R_DMY, R_MDY]) {
    while ((m = re.exec(norm))) {
      const dmy = re === R_DMY
      const s = m.index
      const e = s + m[0].length
      const deadline = isDeadline(norm, s, e)
      const day = withYear(monthIndex(dmy ? m[2]! : m[1]!), Number(dmy ? m[1] : m[2]), m[3], ref, deadline)
      if (day !== null) add({ start: s, end: e, kind: deadline ? 'deadline' : 'day', day, dayEnd: null, offset: 0 })
    }
  }
  while ((m = R_ISO.exec(norm))) {
    const day = dayOf(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    if (Number(m[2]) >= 1 && Number(m[2]) <= 12) add({ start: m.index, end: m.index + m[0].length, kind: isDeadline(norm, m.index, m.index + m[0].length) ? 'deadline' : 'day', day, dayEnd: null, offset: 0 })
  }
  while ((m = R_NUMERIC.exec(norm))) {
    // Day first: the convention in Syrian, European and most monitors' reports.
    const d = Number(m[1])
    const mo = Number(m[2])
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) add({ start: m.index, end: m.index + m[0].length, kind: 'day', day: dayOf(Number(m[3]), mo - 1, d), dayEnd: null, offset: 0 })
  }
  if (pub !== null) {
    while ((m = R_WEEKDAY.exec(norm))) {
      const mod = (m[1] ?? '').toLowerCase()
      const wd = WEEKDAYS[m[2]!.toLowerCase()]!
      const pubWd = new Date(pub * DAY_MS).getUTCDay()
      let back = (pubWd - wd + 7) % 7
      if (mod === 'last' && back === 0) back = 7
      add({ start: m.index, end: m.index + m[0].length, kind: 'day', day: pub - back, dayEnd: null, offset: 0 })
    }
    while (/[\u0600-\u06ff]/.test(norm) && (m = R_AR_WEEKDAY.exec(norm))) {
      const wd = AR_WEEKDAYS[m[1]!]!
      const pubWd = new Date(pub * DAY_MS).getUTCDay()
      add({ start: m.index, end: m.index + m[0].length, kind: 'day', day: pub - ((pubWd - wd + 7) % 7), dayEnd: null, offset: 0 })
    }
    while (/[\u0600-\u06ff]/.test(norm) && (m = R_AR_REL.exec(norm))) {
      const w = m[1]!
      const s = m.index + m[0].indexOf(w)
      add({ start: s, end: s + w.length, kind: 'day', day: w === 'اليوم' ? pub : w === 'أول أمس' ? pub - 2 : pub - 1, dayEnd: null, offset: 0 })
    }
  }
  while ((m = R_RELATIVE.exec(norm))) {
    const w = m[1]!.toLowerCase()
    const s = m.index
    const e = s + m[0].length
    const n = /^(a|one|two|three|four|five|six|\d) days? (ago|earlier|later|before|after)$/.exec(w)
    if (n) {
      const k = ({ a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 } as Record<string, number>)[n[1]!] ?? Number(n[1])
      if (n[2] === 'ago') { if (pub !== null) add({ start: s, end: e, kind: 'day', day: pub - k, dayEnd: null, offset: 0 }) } else add({ start: s, end: e, kind: 'back', day: null, dayEnd: null, offset: n[2] === 'later' || n[2] === 'after' ? k : -k })
      continue
    }
    if (w === 'a week ago' || w === 'last week') {
      if (w === 'a week ago' && pub !== null) add({ start: s, end: e, kind: 'day', day: pub - 7, dayEnd: null, offset: 0 })
      continue
    }
    if (/^(?:today|tonight|this |earlier today)/.test(w)) { if (pub !== null) add({ start: s, end: e, kind: 'day', day: pub, dayEnd: null, offset: 0 }) } else if (w === 'yesterday' || w === 'last night') { if (pub !== null) add({ start: s, end: e, kind: 'day', day: pub - 1, dayEnd: null, offset: 0 }) } else if (w === 'overnight') { if (pub !== null) add({ start: s, end: e, kind: 'day', day: pub, dayEnd: null, offset: 0 }) } else if (w === 'the day before' || w === 'the previous day') add({ start: s, end: e, kind: 'back', day: null, dayEnd: null, offset: -1 })
    else if (w === 'the following day' || w === 'the next day' || w === 'the day after') add({ start: s, end: e, kind: 'back', day: null, dayEnd: null, offset: 1 })
    else add({ start: s, end: e, kind: 'back', day: null, dayEnd: null, offset: 0 })
  }
  while ((m = R_YEAR_END.exec(norm))) {
    if (ref.year !== null) add({ start: m.index, end: m.index + m[0].length, kind: 'deadline', day: dayOf(ref.year, 11, 31), dayEnd: null, offset: 0 })
  }
  const arabic = /[\u0600-\u06ff]/.test(norm)
  while (arabic && (m = R_AR_DMY.exec(norm))) {
    const day = withYear(monthIndex(m[2]!), Number(m[1]), m[3], ref, false)
    if (day !== null) add({ start: m.index, end: m.index + m[0].length, kind: 'day', day, dayEnd: null, offset: 0 })
  }
  if (pub !== null) {
    while ((m = R_CHRONO.exec(norm))) {
      const r = chronoDay(m[0], pub)
      if (r !== null) add({ start: m.index, end: m.index + m[0].length, kind: 'day', day: r, dayEnd: null, offset: 0 })
    }
  }
  return resolveOverlaps(raws)
}

const chronoCache = new Map<string, number | null>()

function chronoDay(phrase: string, pub: number): number | null {
  const key = `${pub}|${phrase.toLowerCase()}`
  const hit = chronoCache.get(key)
  if (hit !== undefined) return hit
  const parsed = chrono.en.GB.parse(phrase, new Date(pub * DAY_MS + 12 * 3600000))[0]
  const day = parsed ? Math.floor(parsed.start.date().getTime() / DAY_MS) : null
  if (chronoCache.size > 10000) chronoCache.clear()
  chronoCache.set(key, day)
  return day
}

function resolveOverlaps(raws: Raw[]): DateMention[] {
  raws.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start))
  const out: DateMention[] = []
  for (const r of raws) {
    const last = out[out.length - 1]
    if (last && r.start < last.end) {
      if (r.end - r.start > last.end - last.start) out[out.length - 1] = r
      continue
    }
    out.push(r)
  }
  return out
}
