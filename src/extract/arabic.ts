/**
 * Arabic-language reports: a smaller rule set than English (see docs/arabic-extraction.md).
 * Each sentence with a word of violence and a place named in the gazetteer (found by the
 * geocoder's own recogniser) becomes an event with its date, killed and injured counts,
 * attacker and means where the common phrasings state them.
 */
import type { Perpetrator, Target, Weapon } from '../domain/index.ts'
import { dayOf, isoOf, readDates, type DateMention } from './dates.ts'
import type { Draft } from './extract-events.ts'
import type { PlaceServices } from './geocoder-port.ts'
import { readArabicPlaces, type PlaceRef } from './places.ts'

const AR_NUM: Record<string, number> = {
  'واحد': 1, 'واحدة': 1, 'اثنين': 2, 'اثنان': 2, 'اثنتين': 2, 'ثلاثة': 3, 'ثلاث': 3, 'أربعة': 4, 'اربعة': 4, 'أربع': 4, 'خمسة': 5, 'خمس': 5, 'ستة': 6, 'ست': 6,
  'سبعة': 7, 'سبع': 7, 'ثمانية': 8, 'ثماني': 8, 'تسعة': 9, 'تسع': 9, 'عشرة': 10, 'عشر': 10, 'شخصين': 2, 'مدنيين اثنين': 2, 'طفلين': 2, 'امرأتين': 2,
}
const NUM = String.raw`(\d+|واحد|واحدة|اثنين|اثنان|اثنتين|ثلاثة|ثلاث|أربعة|اربعة|أربع|خمسة|خمس|ستة|ست|سبعة|سبع|ثمانية|ثماني|تسعة|تسع|عشرة|عشر)`
const PEOPLE = String.raw`(?:مدنيين|مدنيا|مدنياً|مدني|أشخاص|اشخاص|شخصا|شخصاً|أطفال|اطفال|طفلا|طفلاً|نساء|امرأة|سيدة|مواطنين|مواطنا|مواطناً|قتلى|شهداء|قتيلا|قتيلاً|شهيدا|شهيداً|ضحايا)`
const QUAL_MIN = /(?:ما\s+لا\s+يقل\s+عن|لا\s+يقل\s+عن|على\s+الأقل|أكثر\s+من)\s*$/
const KILLED = [
  new RegExp(String.raw`(?:مقتل|استشهاد|قتل|وفاة|سقوط)\s+(?:ما\s+لا\s+يقل\s+عن\s+|أكثر\s+من\s+)?${NUM}\s+(?:من\s+)?${PEOPLE}`, 'g'),
  new RegExp(String.raw`${NUM}\s+(?:قتلى|شهداء|قتيلا|قتيلاً|شهيدا|شهيداً)`, 'g'),
  new RegExp(String.raw`(?:حصيلة\s+(?:القتلى|الضحايا)\s+(?:إلى|الى)\s+)${NUM}`, 'g'),
  /(مقتل|استشهاد|قتل|وفاة)\s+(طفلين|شخصين|امرأتين|مدنيين\s+اثنين|مدنيان|طفلان|شخصان|امرأتان|رجلان)/g,
  new RegExp(String.raw`(?:إلى|الى)\s+${NUM}\s+(?:عدد\s+)?(?:الشهداء|القتلى|الضحايا)`, 'g'),
]
const INJURED = [
  new RegExp(String.raw`(?:إصابة|اصابة|جرح)\s+(?:ما\s+لا\s+يقل\s+عن\s+|أكثر\s+من\s+)?${NUM}\s+(?:آخرين|اخرين|${PEOPLE})?`, 'g'),
  new RegExp(String.raw`${NUM}\s+(?:جرحى|مصابين|جريحا|جريحاً)`, 'g'),
]
const AR_AGREEMENT = /اتفق|اتفاق|مذكرة\s+تفاهم|تفاهمات/
const CUE = /مقتل|قتل|قتلى|قتيل|شهداء|استشهاد|غارة|غارات|قصف|براميل|برميل|صاروخ|صواريخ|جرحى|إصابة|اصابة|مجزرة|استهداف|استهدف|انفجار/
const PERPS: [Perpetrator, RegExp][] = [
  ['russia_or_syrian_government', /روسي\s+أو\s+سوري|سوري\s+أو\s+روسي|روسية\s+أو\s+سورية|(?:الطيران|الطائرات)\s+(?:الحربي\s+)?(?:الروسي|الروسية)\s+(?:و|أو)\s*(?:السوري|طيران\s+النظام)|(?:الروسي|الروسية)\s+(?:و|أو)\s*(?:السوري|السورية)|(?:الطيران|الطائرات)\s+(?:الحربي\s+)?(?:السوري|النظام)\s+(?:و|أو)\s*الروسي/],
  ['russia', /(?:الطيران|الطائرات|المقاتلات|القوات|طيران|طائرات)\s+(?:الحربي\s+|الحربية\s+|حربي\s+|ثابت\s+الجناح\s+)?(?:الروسي|الروسية|روسي|روسية)|غارات\s+(?:جوية\s+)?روسية|روسيا|الروس/],
  ['syrian_government', /طائرات\s+النظام|الطيران\s+المروحي|المروحيات|الطائرات\s+المروحية|مروحيات|قوات\s+النظام|طيران\s+النظام|قوات\s+الأسد|النظام\s+السوري|الجيش\s+السوري|قوات\s+الحكومة|الحكومة\s+السورية/],
  ['turkey', /(?:القوات|الطائرات|الطيران|الجيش)\s+(?:التركي|التركية)/],
  ['us_coalition', /التحالف\s+الدولي|(?:الطيران|الطائرات)\s+الأمريكي/],
  ['isis', /تنظيم\s+الدولة|داعش/],
  ['hts', /هيئة\s+تحرير\s+الشام|جبهة\s+النصرة/],
  ['sdf_ypg', /قوات\s+سوريا\s+الديمقراطية|قسد/],
  ['opposition', /فصائل\s+المعارضة|الفصائل|المعارضة\s+المسلحة|الجيش\s+الحر/],
]
const WEAPONS: [Weapon, RegExp][] = [
  ['chemical', /كيماوي|كيميائي|الكلور|غاز\s+سام|السارين/],
  ['cluster_munition', /عنقودي|عنقودية/],
  ['barrel_bomb', /براميل\s+متفجرة|برميل\s+متفجر|البراميل\s+المتفجرة|براميل/],
  ['ied_car_bomb', /سيارة\s+مفخخة|عبوة\s+ناسفة|مفخخ/],
  ['drone', /طائرة\s+مسيرة|طائرات\s+مسيرة|مسيّرة|درون/],
  ['rocket_missile', /صاروخ|صواريخ|راجمات/],
  ['shelling_artillery', /قصف\s+مدفعي|قذائف|مدفعية|هاون|القصف\s+المدفعي/],
  ['airstrike', /قصف\s+طيران|طيران\s+ثابت\s+الجناح|غارة|غارات|الطيران\s+الحربي|قصف\s+جوي|الطائرات\s+الحربية|الطيران/],
  ['small_arms', /رصاص|قنص|قناص|إطلاق\s+نار/],
]
const TARGETS: [Target, RegExp][] = [
  ['school', /مدرسة|مدارس/],
  ['hospital_medical', /مستشفى|مشفى|مستوصف|مركز\s+طبي|نقطة\s+طبية|سيارة\s+إسعاف/],
  ['civil_defence', /(?:مركز|فريق|متطوع\S*|عناصر)\s+(?:من\s+)?الدفاع\s+المدني|الخوذ\s+البيضاء/],
  ['market', /سوق|أسواق/],
  ['bakery', /فرن|مخبز/],
  ['mosque', /مسجد|جامع/],
  ['idp_camp', /مخيم|مخيمات/],
  ['residential', /منازل|منزل|الأحياء\s+السكنية|حي\s+سكني|المدنيين/],
]
const REPORTERS: [string, RegExp][] = [
  ['SNHR', /الشبكة\s+السورية\s+لحقوق\s+الإنسان/],
  ['SOHR', /المرصد\s+السوري(?:\s+لحقوق\s+الإنسان)?/],
  ['White Helmets', /(?:بحسب|وفق|حسب|قال|أفاد|وثق)\s+(?:فرق\s+)?الدفاع\s+المدني|الدفاع\s+المدني\s+السوري(?!\s+(?:في|ب))|الخوذ\s+البيضاء/],
  ['Enab Baladi', /عنب\s+بلدي/],
  ['Smart', /سمارت/],
  ['Step News', /ستيب/],
]

function num(raw: string): number | null {
  if (/^\d+$/.test(raw)) return Number(raw)
  return AR_NUM[raw] ?? null
}

function firstValue<T>(str: string, offset: number, list: [T, RegExp][]): { value: T; start: number; end: number } | null {
  let best: { value: T; start: number; end: number } | null = null
  for (const [value, re] of list) {
    const m = re.exec(str)
    if (m && (best === null)) best = { value, start: offset + m.index, end: offset + m.index + m[0].length }
  }
  return best
}

export function extractArabic(text: string, norm: string, published: string | null, services: PlaceServices): Draft[] {
  const dates = readDates(norm, published)
  const drafts: Draft[] = []
  let lastDay: number | null = null
  const ctx = { admin1: [] as string[], near: [] as { lat: number; lon: number }[], last: null as PlaceRef | null }
  const re = /[^.!؟\n]+[.!؟]?/g
  let m: RegExpExecArray | null
  let para = 0
  let agreement: Draft | null = null
  while ((m = re.exec(norm))) {
    const start = m.index
    const end = start + m[0].length
    const str = m[0]
    const sDates: DateMention[] = dates.filter((d) => d.start >= start && d.end <= end && d.day !== null && d.kind !== 'deadline')
    const own = sDates[0] ?? null
    if (own) lastDay = own.day
    // "اتفق الرئيسان الروسي ... والتركي ... على إنشاء منطقة منزوعة السلاح": an agreement, its deadlines follow (بحلول ...)
    if (AR_AGREEMENT.test(str) && !CUE.test(str)) {
      const parties = [/روس/.test(str) ? 'russia' : null, /ترك/.test(str) ? 'turkey' : null, /إيران|ايران/.test(str) ? 'iran' : null].filter((x): x is string => x !== null)
      if (parties.length >= 2 && !agreement) {
        agreement = { para: para++, date: own?.day ?? lastDay, dateEnd: null, dateSpan: null, places: [], killed: null, injured: null, children: null, women: null, perp: null, weapons: [], targets: [], reporters: [], victims: [], evidence: [{ field: 'agreement', start, end }], text: str, kind: 'agreement', eventType: 'Strategic developments', subEventType: 'Agreement', details: { parties, zone: /منطقة\s+منزوعة\s+السلاح/.exec(str)?.[0] ?? null, deadlines: [] } }
        drafts.push(agreement)
      }
    }
    if (agreement && /بحلول|قبل\s+نهاية/.test(str)) {
      const list = agreement.details!.deadlines as { date: string; obligation: string }[]
      for (const d of dates.filter((x) => x.start >= start && x.end <= end && x.day !== null)) {
        const before = norm.slice(Math.max(start, d.start - 12), d.start)
        if (!/(?:بحلول|قبل\s+نهاية(?:\s+عام)?)\s*$/.test(before)) continue
        const day = /نهاية/.test(before) ? dayOf(new Date(d.day! * 86400000).getUTCFullYear(), 11, 31) : d.day!
        if (!list.some((x) => x.date === isoOf(day))) list.push({ date: isoOf(day), obligation: norm.slice(Math.max(start, d.start - 60), d.start).replace(/^\S*\s/, '').trim() })
      }
    }
    if (!CUE.test(str)) continue
    const places = readArabicPlaces(services, text, norm, start, end, ctx).filter((p) => p.role === 'primary')
    const d: Draft = { para: para++, date: own?.day ?? lastDay, dateEnd: null, dateSpan: own ? { start: own.start, end: own.end } : null, places, killed: null, injured: null, children: null, women: null, perp: null, weapons: [], targets: [], reporters: [], victims: [], evidence: [], text: str }
    if (own) d.evidence.push({ field: 'date', start: own.start, end: own.end })
    for (const p of places) d.evidence.push({ field: 'places', start: p.start, end: p.end })
    for (const k of KILLED) {
      k.lastIndex = 0
      let km: RegExpExecArray | null
      while ((km = k.exec(str))) {
        const raw = km[1]!
        const n = num(raw) ?? (/^(?:طفلين|شخصين|امرأتين|مدنيان|طفلان|شخصان|امرأتان|رجلان)$/.test(raw) || /^(?:طفلين|شخصين|امرأتين|مدنيين\s+اثنين|مدنيان|طفلان|شخصان|امرأتان|رجلان)$/.test(km[2] ?? '') ? 2 : null)
        if (n === null) continue
        const atLeast = QUAL_MIN.test(str.slice(0, km.index + km[0].indexOf(raw)))
        const r = { min: n, max: atLeast || /ما\s+لا\s+يقل|أكثر\s+من/.test(km[0]) ? null : n }
        d.killed = d.killed ? { min: Math.min(d.killed.min ?? n, n), max: d.killed.max === null || r.max === null ? null : Math.max(d.killed.max, r.max) } : r
        if (/أطفال|اطفال|طفل/.test(km[0])) d.children = r
        d.evidence.push({ field: 'killed', start: start + km.index, end: start + km.index + km[0].length })
      }
    }
    // "قتل شخص", "مقتل سيدة وطفلها": one person, plus each relative joined by و
    if (d.killed === null) {
      const one = /(?:مقتل|قتل|استشهاد|وفاة)\s+(?:شخص|مدني|طفل|طفلة|امرأة|سيدة|رجل|شاب|مواطن|مواطنة)(?![\u0600-\u06ff])((?:\s*و\s*(?:طفلها|طفله|زوجها|زوجته|ابنها|ابنه|ابنتها|ابنته|والدته|والده|شقيقه|شقيقها))*)/.exec(str)
      if (one) {
        const n = 1 + (one[1]?.match(/و/g)?.length ?? 0)
        d.killed = { min: n, max: n }
        d.evidence.push({ field: 'killed', start: start + one.index, end: start + one.index + one[0].length })
      }
    }
    for (const k of INJURED) {
      k.lastIndex = 0
      const km = k.exec(str)
      if (km) {
        const n = num(km[1]!)
        if (n !== null) {
          d.injured = { min: n, max: /ما\s+لا\s+يقل|أكثر\s+من/.test(km[0]) ? null : n }
          d.evidence.push({ field: 'injured', start: start + km.index, end: start + km.index + km[0].length })
        }
      }
    }
    const perp = firstValue(str, start, PERPS)
    if (perp) d.perp = { ...perp, weight: 1, fromContext: false }
    for (const [w, wre] of WEAPONS) {
      const wm = wre.exec(str)
      if (wm && !d.weapons.some((x) => x.value === w)) d.weapons.push({ value: w, start: start + wm.index, end: start + wm.index + wm[0].length, weight: 10 - WEAPONS.findIndex(([x]) => x === w) })
    }
    for (const [t, tre] of TARGETS) {
      const tm = tre.exec(str)
      if (tm) d.targets.push({ value: t, start: start + tm.index, end: start + tm.index + tm[0].length, weight: 1 })
    }
    for (const [r, rre] of REPORTERS) {
      const rm = rre.exec(str)
      if (rm) d.reporters.push({ value: r, start: start + rm.index, end: start + rm.index + rm[0].length, weight: 1 })
    }
    if (d.places.length === 0 && d.killed === null) continue
    // the same attack told again (a headline and its body): one event
    const twin = drafts.find((x) => x.date === d.date && x.places.some((p) => d.places.some((q) => p.cand?.id === q.cand?.id)))
    if (twin) {
      if (!twin.killed && d.killed) twin.killed = d.killed
      if (!twin.injured && d.injured) twin.injured = d.injured
      if (!twin.perp && d.perp) twin.perp = d.perp
      for (const w of d.weapons) if (!twin.weapons.some((x) => x.value === w.value)) twin.weapons.push(w)
      twin.evidence.push(...d.evidence)
      continue
    }
    if (d.places.length === 0 && drafts.length > 0) {
      const last = drafts[drafts.length - 1]!
      if (!last.killed && d.killed) last.killed = d.killed
      continue
    }
    drafts.push(d)
    for (const p of places) if (p.lat !== null && p.lon !== null) ctx.near.push({ lat: p.lat, lon: p.lon })
  }
  return drafts
}
