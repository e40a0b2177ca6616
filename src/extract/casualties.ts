/**
 * Casualty figures: groups of people ("at least five children", "a woman and her husband",
 * "14 civilians, including 6 children") with the verb that says what happened to them
 * (killed or injured), as ranges. A small token parser rather than one regex, because the
 * count of "a woman, Mrs Lama al Saeed, and her daughter Walaa al Taha" is 2, not 3.
 */
import { parseNumber, type Count } from './numbers.ts'

export interface Token {
  text: string
  lower: string
  start: number
  end: number
}

const TOKEN_RE = /\d{1,3}(?:,\d{3})+(?!\d)|[\p{L}\p{N}][\p{L}\p{N}'’\-.]*[\p{L}\p{N}]|[\p{L}\p{N}]|[,;:()%]/gu

export function tokenize(norm: string, start: number, end: number): Token[] {
  const out: Token[] = []
  const s = norm.slice(start, end)
  TOKEN_RE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = TOKEN_RE.exec(s))) {
    let text = m[0]
    // a trailing full stop belongs to the sentence, not the word (abbreviations aside)
    if (text.endsWith('.') ) text = text.replace(/\.+$/, '')
    out.push({ text, lower: text.toLowerCase(), start: start + m.index, end: start + m.index + text.length })
  }
  return out
}

export type CasualtyKind = 'killed' | 'injured'

export interface CasualtyGroup {
  kind: CasualtyKind
  count: Count
  children: Count | null
  women: Count | null
  start: number
  end: number
  /** "the death toll rose to 29": replaces an earlier figure instead of widening it */
  update: boolean
  /** names read inside the group ("Mrs Lama al Saeed") */
  names: { name: string; start: number; end: number }[]
  /** "A journalist was among the dead": part of a figure given elsewhere, not a figure */
  subset?: boolean
  /** "26 fighters ... and 4 civilians" under one verb: added to the figure before it */
  additive?: boolean
}

const CHILD = new Set(['children', 'child', 'kids', 'kid', 'boy', 'boys', 'girl', 'girls', 'baby', 'babies', 'infant', 'infants', 'toddler', 'toddlers', 'newborn', 'newborns', 'minors', 'minor', 'schoolchildren', 'schoolchild', 'schoolboy', 'schoolboys', 'schoolgirl', 'schoolgirls'])
const WOMEN = new Set(['woman', 'women', 'mother', 'mothers', 'wife', 'wives', 'grandmother', 'sister', 'sisters', 'daughter', 'daughters', 'girl', 'girls', 'niece', 'aunt'])
const PERSON = new Set([
  ...CHILD, 'people', 'persons', 'person', 'civilians', 'civilian', 'individuals', 'residents', 'resident', 'villagers', 'women', 'woman', 'men', 'man', 'driver', 'drivers',
  'teenager', 'teenagers', 'youth', 'youths', 'members', 'member', 'relatives', 'volunteers', 'volunteer', 'workers', 'worker', 'paramedics', 'paramedic', 'doctors',
  'doctor', 'nurses', 'nurse', 'students', 'student', 'pupils', 'pupil', 'fighters', 'fighter', 'soldiers', 'soldier', 'rebels', 'militants', 'combatants',
  'idps', 'farmers', 'farmer', 'shepherd', 'shepherds', 'brothers', 'brother', 'sisters', 'sister', 'sons', 'son', 'daughters', 'daughter', 'husband', 'wife',
  'mother', 'father', 'siblings', 'others', 'more', 'victims', 'elderly', 'grandmother', 'grandfather', 'grandchildren', 'grandson', 'granddaughter',
  'nephew', 'niece', 'cousin', 'cousins', 'uncle', 'aunt', 'journalist', 'journalists', 'rescuers', 'rescuer', 'teacher', 'teachers', 'family', 'families', 'medic', 'medics',
  'bodies', 'corpses', 'commander', 'official', 'officer', 'leader', 'mukhtar', 'policeman', 'guard', 'head', 'activist', 'activists', 'colleague', 'colleagues', 'friend', 'syrians', 'iranians', 'russians', 'turks', 'kurds', 'palestinians', 'iraqis', 'lebanese', 'afghans', 'pedestrians', 'passengers', 'worshippers', 'shoppers', 'displaced', 'patients', 'patient', 'staff', 'adults', 'adult', 'mothers', 'wives', 'girl', 'boy',
])
/** Word lists looked up in a Set (tokens are tested one by one, many times per report). */
function wordSet(words: string, pattern?: RegExp): { test(w: string): boolean } {
  const set = new Set(words.split(' '))
  return { test: (w: string) => set.has(w) || (pattern !== undefined && pattern.test(w)) }
}

const ADJ = wordSet('other more civilian young elderly old displaced local unarmed innocent female male additional further adult little small teenage pregnant medical humanitarian rescue aid civil health media syrian palestinian same entire whole newly internally former opposition rebel regime government pro-government hts isis sdf ypg turkish russian iranian kurdish local police military security village town year-old of the a an one family her his their its from', /^(?:defen[cs]e|\d+-year-old|\w+-year-old)$/)
const QUANT: [RegExp, 'min' | 'max' | 'exact' | 'more'][] = [
  [/^at least$|^no fewer than$|^no less than$|^not less than$|^a minimum of$/, 'min'],
  [/^more than$|^over$/, 'more'],
  [/^up to$|^nearly$|^almost$|^at most$|^as many as$/, 'max'],
  [/^around$|^about$|^some$|^approximately$|^an estimated$|^a total of$|^roughly$|^estimated$/, 'exact'],
]
const KIN = /^(?:colleague|friend|husband|wife|daughter|son|mother|father|brother|sister|child|baby|grandson|granddaughter|grandmother|grandfather|nephew|niece|cousin|uncle|aunt|children|sons|daughters|brothers|sisters)$/
const TITLE = /^(?:mrs|mr|ms|miss|dr|sheikh|hajj|hajji|um|umm|abu|imam)$/
const PARTICLE = /^(?:al|el|bin|ibn|abu|um|umm|abd|abdul|de|ad|ar|as|ash|at|az|an)$/i
const KILL_BEFORE = wordSet('killing killed kills kill claimed claiming martyring slaughtering massacring leaving left dead executed executing assassinated assassinating beheaded beheading')
const INJURE_BEFORE = wordSet('injuring injured injures wounding wounded wounds hurting hurt maiming')
const KILL_AFTER = wordSet('killed dead died die dies deaths perished martyred lost slain massacred fatalities')
const INJURE_AFTER = wordSet('injured wounded hurt injuries maimed wounds')

/** A parsed person item and where it ends. */
interface Item {
  count: Count | null
  children: Count | null
  women: Count | null
  next: number
  names: CasualtyGroup['names']
}

function isCap(t: Token | undefined): boolean {
  if (!t) return false
  const c = t.text.charCodeAt(0)
  return c >= 65 && c <= 90
}

/** A personal name: capitalised words with Arabic particles, 2 to 5 words. */
export function readName(toks: Token[], i: number): { name: string; start: number; end: number; next: number } | null {
  if (!isCap(toks[i])) return null
  let j = i
  let words = 0
  let last = i
  while (j < toks.length && words < 6) {
    const tk = toks[j]!
    if (isCap(tk) && /^[\p{L}'’-]+$/u.test(tk.text)) { words++; last = j; j++; continue }
    if (PARTICLE.test(tk.text) && isCap(toks[j + 1])) { j++; continue }
    break
  }
  if (words < 2 && !(words === 1 && toks[last]!.text.includes('-'))) return null
  const first = toks[i]!
  const end = toks[last]!.end
  return { name: '', start: first.start, end, next: last + 1 }
}

const QUANT_FIRST = new Set(['at', 'no', 'not', 'a', 'more', 'over', 'up', 'nearly', 'almost', 'around', 'about', 'some', 'approximately', 'an', 'estimated', 'roughly', 'as'])
const NUMBER_WORD = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'dozens', 'scores', 'several', 'hundreds', 'both', 'couple', 'few'])

/** Words an item can start with: most tokens are rejected here, before any string is built. */
const ITEM_START = new Set(['between', 'at', 'no', 'not', 'a', 'an', 'more', 'over', 'up', 'nearly', 'almost', 'around', 'about', 'some', 'approximately', 'estimated', 'roughly', 'as',
  'the', 'her', 'his', 'their', 'its', 'mrs', 'mr', 'ms', 'miss', 'dr', 'sheikh', 'hajj', 'hajji', 'um', 'umm', 'abu', 'imam', 'dozens', 'scores', 'several', 'hundreds', 'both',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen',
  'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'couple', 'few'])

function parseItem(toks: Token[], i: number, norm: string, afterVerb: boolean): Item | null {
  const t0 = toks[i]
  if (!t0) return null
  const c0 = t0.lower.charCodeAt(0)
  if (!afterVerb && !(c0 >= 48 && c0 <= 57) && !ITEM_START.has(t0.lower) && !/^(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-/.test(t0.lower)) return null
  let j = i
  let quant: 'min' | 'max' | 'exact' | 'more' | null = null
  for (const len of QUANT_FIRST.has(t0.lower) ? [3, 2, 1] : []) {
    const phrase = toks.slice(j, j + len).map((t) => t.lower).join(' ')
    const q = QUANT.find(([re]) => re.test(phrase))
    if (q) { quant = q[1]; j += len; break }
  }
  let count: Count | null = null
  // "between 10 and 15 people"
  if (quant === null && toks[j]?.lower === 'between' && toks[j + 2]?.lower === 'and') {
    const a = parseNumber(toks[j + 1]!.lower)
    const b = toks[j + 3] ? parseNumber(toks[j + 3]!.lower) : null
    if (a && b && a.min !== null && b.max !== null) { count = { min: a.min, max: b.max }; j += 4 }
  }
  // numbers: try the longest written form first ("twenty five", "a dozen", "two hundred")
  // digits are one token; only number words ("twenty five", "a dozen", "two hundred") span several
  const w0 = toks[j]?.lower ?? ''
  const w1 = toks[j + 1]?.lower ?? ''
  const lens = count !== null ? []
    : /^\d/.test(w0) || /^(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-/.test(w0) ? [1]
      : w0 === 'a' && w1 === 'couple' ? [3]
        : NUMBER_WORD.has(w0) && (w1 === 'dozen' || w1 === 'hundred' || w1 === 'few' || (/^(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$/.test(w0) && NUMBER_WORD.has(w1))) ? [2, 1]
          : NUMBER_WORD.has(w0) ? [1] : []
  for (const len of lens) {
    if (j + len > toks.length) continue
    const phrase = toks.slice(j, j + len).map((t) => t.lower).join(' ')
    if (len === 1 && (phrase === 'a' || phrase === 'an' || phrase === 'one')) {
      count = { min: 1, max: 1 }
      j += 1
      break
    }
    const c = /^[a-z0-9, -]+$/.test(phrase) ? parseNumber(phrase) : null
    if (c && !(len === 1 && (phrase === 'both' || phrase === 'couple' || phrase === 'pair'))) { count = c; j += len; break }
  }
  let possessive = false
  if (count === null && /^(?:her|his|their|its)$/.test(toks[j]?.lower ?? '')) {
    possessive = true
    j++
    const c2 = toks[j] ? parseNumber(toks[j]!.lower) : null
    if (c2 && toks[j]!.lower !== 'a') { count = c2; j++ }
  }
  // "shot dead prominent Syrian activist Raed Fares", "killing the driver": one person after the verb
  if (count === null && !possessive && afterVerb) {
    let k0 = j
    if (toks[k0]?.lower === 'the' || toks[k0]?.lower === 'a' || toks[k0]?.lower === 'an') k0++
    let steps0 = 0
    while (k0 < toks.length && steps0 < 3 && !PERSON.has(toks[k0]!.lower) && (/^[A-Z][\p{L}-]+$/u.test(toks[k0]!.text) || /^(?:prominent|senior|young|local|former|well-known|renowned|elderly|retired|leading|veteran|\d+-year-old|top)$/.test(toks[k0]!.lower))) { k0++; steps0++ }
    const n0 = toks[k0]
    if (n0 && PERSON.has(n0.lower) && !/s$/.test(n0.lower) && n0.lower !== 'people') {
      const nm0 = readName(toks, k0 + 1)
      const names0 = nm0 ? [{ name: norm.slice(nm0.start, nm0.end), start: nm0.start, end: nm0.end }] : []
      return finish({ min: 1, max: 1 }, quant, CHILD.has(n0.lower) ? { min: 1, max: 1 } : null, WOMEN.has(n0.lower) ? { min: 1, max: 1 } : null, nm0 ? nm0.next : k0 + 1, names0)
    }
  }
  if (toks[j]?.lower === 'the') {
    const n1 = toks[j + 1]
    if (n1 && PERSON.has(n1.lower) && !/s$/.test(n1.lower) && n1.lower !== 'people' && n1.lower !== 'dead') return finish({ min: 1, max: 1 }, quant, CHILD.has(n1.lower) ? { min: 1, max: 1 } : null, WOMEN.has(n1.lower) ? { min: 1, max: 1 } : null, j + 2, [])
    return null
  }
  if (count === null && !possessive) {
    // "Mrs Lama al Saeed" on its own is one named victim
    if (TITLE.test(toks[j]?.lower ?? '')) {
      const nm = readName(toks, j + 1)
      if (nm) return { count: { min: 1, max: 1 }, children: null, women: /^(?:mrs|ms|miss|um|umm)$/.test(toks[j]!.lower) ? { min: 1, max: 1 } : null, next: nm.next, names: [{ name: norm.slice(nm.start, nm.end), start: nm.start, end: nm.end }] }
    }
    return null
  }
  // "killing two of them"
  if (afterVerb && count !== null && toks[j]?.lower === 'of' && /^(?:them|whom|those)$/.test(toks[j + 1]?.lower ?? '')) return finish(count, quant, null, null, j + 2, [])
  // skip adjectives ("10-year-old", "civilian", "members of the same family")
  let k = j
  let steps = 0
  while (k < toks.length && steps < 4 && !PERSON.has(toks[k]!.lower) && ADJ.test(toks[k]!.lower)) { k++; steps++ }
  const noun = toks[k]
  // "one family" is where the victims came from, not a count; "a family of six" is
  const familyCount = noun?.lower === 'family' && toks[k + 1]?.lower === 'of' && toks[k + 2] !== undefined && parseNumber(toks[k + 2]!.lower) !== null
  if (!noun || !PERSON.has(noun.lower) || ((noun.lower === 'family' || noun.lower === 'families') && !familyCount)) {
    // a bare figure right after "killing"/"injuring" ("killing 14 and injuring 35 more")
    // "killing two of them"
    if (afterVerb && count !== null && k === j && toks[j]?.lower === 'of' && /^(?:them|whom|those)$/.test(toks[j + 1]?.lower ?? '')) return finish(count, quant, null, null, j + 2, [])
    if (afterVerb && count !== null && k === j) return finish(count, quant, null, null, j, [])
    // "five injured", "two dead": the verb follows the bare figure
    if (count !== null && k === j && noun && (KILL_AFTER.test(noun.lower) || INJURE_AFTER.test(noun.lower)) && !/^(?:a|an|one)$/.test(toks[j - 1]?.lower ?? '')) return finish(count, quant, null, null, j, [])
    // "..., and 3 were wounded in al-Nayrab"
    if (count !== null && k === j && noun && /^(?:were|was)$/.test(noun.lower) && toks[j + 1] && (KILL_AFTER.test(toks[j + 1]!.lower) || INJURE_AFTER.test(toks[j + 1]!.lower)) && /^(?:and|,)$/.test(toks[i - 1]?.lower ?? '')) return finish(count, quant, null, null, j, [])
    return null
  }
  if (noun.lower === 'more' || noun.lower === 'others') {
    if (count === null) return null
  }
  if (possessive && count === null) {
    if (/s$/.test(noun.lower) && !/^(?:boss)$/.test(noun.lower)) count = { min: null, max: null }
    else if (KIN.test(noun.lower)) count = { min: 1, max: 1 }
    else return null
  }
  if (count === null) return null
  k++
  // "a family of six"
  if (noun.lower === 'family' && toks[k]?.lower === 'of') {
    const c = toks[k + 1] ? parseNumber(toks[k + 1]!.lower) : null
    if (c) { count = c; k += 2 }
  } else if (noun.lower === 'members' && toks[k]?.lower === 'of') {
    k++
    // "Seven members of one family"
    while (k < toks.length && /^(?:one|the|a|an|same|single|his|her|their|same)$/.test(toks[k]!.lower)) k++
    if (/^(?:family|household|families)$/.test(toks[k]?.lower ?? '')) k++
  }
  const isChild = CHILD.has(noun.lower)
  const isWoman = WOMEN.has(noun.lower)
  const names: CasualtyGroup['names'] = []
  // kin apposition: "her daughter Walaa al Taha"
  const nm = readName(toks, k)
  if (nm && count.min === 1 && count.max === 1) {
    names.push({ name: norm.slice(nm.start, nm.end), start: nm.start, end: nm.end })
    k = nm.next
  }
  return finish(count, quant, isChild ? count : null, isWoman ? count : null, k, names)
}

function finish(count: Count, quant: 'min' | 'max' | 'exact' | 'more' | null, children: Count | null, women: Count | null, next: number, names: CasualtyGroup['names']): Item {
  const q = (c: Count | null): Count | null => {
    if (!c) return null
    if (quant === 'min') return { min: c.min, max: null }
    if (quant === 'more') return { min: c.min === null ? null : c.min + 1, max: null }
    if (quant === 'max') return { min: null, max: c.max ?? c.min }
    return c
  }
  return { count: q(count)!, children: q(children), women: q(women), next, names }
}

function add(a: Count | null, b: Count | null): Count | null {
  if (!a) return b
  if (!b) return a
  return { min: a.min === null || b.min === null ? (a.min ?? b.min) : a.min + b.min, max: a.max === null || b.max === null ? null : a.max + b.max }
}

/** Reads all casualty groups of one sentence. */
export function readCasualties(norm: string, toks: Token[]): CasualtyGroup[] {
  const out: CasualtyGroup[] = []
  let i = 0
  let lastKind: CasualtyKind | null = null
  let forcedAt = -1
  let forcedUpdate = false
  let subsetUntil = -1
  while (i < toks.length) {
    const tk = toks[i]!
    // most tokens cannot start a figure: skip them before any other test
    const c0 = tk.lower.charCodeAt(0)
    if (i !== forcedAt && !(c0 >= 48 && c0 <= 57) && !ITEM_START.has(tk.lower) && !NUMBER_WORD.has(tk.lower) && tk.lower !== 'toll' && tk.lower !== 'tolls' && tk.lower !== 'number' && !/-/.test(tk.lower)) {
      const pw = toks[i - 1]?.lower ?? ''
      if (!KILL_BEFORE.test(pw) && !INJURE_BEFORE.test(pw) && !(pw === 'of' && /^(?:killing|killings|deaths?|bodies|murders?|massacre|executions?|injury|injuries|injuring|wounding)$/.test(toks[i - 2]?.lower ?? ''))) { i++; continue }
    }
    // "the death toll rose to 29", "put the toll at 12"
    if (tk.lower === 'toll' || tk.lower === 'tolls' || (tk.lower === 'number' && toks[i + 1]?.lower === 'of' && toks.slice(i + 2, i + 6).some((t) => /^(?:killed|dead|deaths|victims|people|civilians)$/.test(t.lower)))) {
      let j = i + 1
      let update = false
      let steps = 0
      let found = false
      while (j < toks.length && steps < 22) {
        const w = toks[j]!.lower
        if (/^(?:rose|risen|rises|climbed|climbs|reached|increased|jumped|grew|mounted)$/.test(w)) update = true
        // "tolls ranging from 60 to more than 90"
        if (w === 'from' && (toks[j - 1]?.lower === 'ranging' || update)) {
          const a = parseItem(toks, j + 1, norm, true)
          const b = a && toks[a.next]?.lower === 'to' ? parseItem(toks, a.next + 1, norm, true) : null
          if (a?.count && b?.count) {
            out.push({ kind: 'killed', count: { min: a.count.min, max: b.count.max }, children: null, women: null, start: toks[j + 1]!.start, end: toks[b.next - 1]!.end, update: true, names: [] })
            lastKind = 'killed'
            i = b.next
            found = true
            break
          }
        }
        if (/^(?:to|at|of|reached|is|was|stands|stood|hit)$/.test(w) && parseItem(toks, j + 1, norm, true)?.count) {
          forcedAt = j + 1
          forcedUpdate = update
          i = j + 1
          found = true
          break
        }
        if (w === ';') break
        j++
        steps++
      }
      if (!found) i++
      continue
    }
    const prev = toks[i - 1]?.lower ?? ''
    const prev2 = toks[i - 2]?.lower ?? ''
    const forced = i === forcedAt
    // "documented the killing of 91 civilians", "the deaths of 7", "the bodies of 5 civilians"
    const ofKill = prev === 'of' && /^(?:killing|killings|deaths?|bodies|murder|murders|massacre|execution|executions)$/.test(prev2)
    const ofInjure = prev === 'of' && /^(?:injury|injuries|injuring|wounding)$/.test(prev2)
    const afterKill = forced || ofKill || KILL_BEFORE.test(prev) || (/^(?:least|than|to)$/.test(prev) && KILL_BEFORE.test(toks[i - 3]?.lower ?? '')) || (prev === 'lives' && prev2 === 'the')
    const afterInjure = ofInjure || INJURE_BEFORE.test(prev)
    const competing: boolean = lastKind !== null && /^(?:of|gave|gives|counted|counts|cited|put|reported)$/.test(prev) && /^\d/.test(tk.text)
    let first = parseItem(toks, i, norm, afterKill || afterInjure || competing)
    // "..., and two in Kafr Nabl": the noun and the verb are those of the figure before
    if (!first && lastKind !== null && (prev === 'and' || prev === ',') && /^(?:in|at|from|near)$/.test(toks[i + 1]?.lower ?? '')) {
      const c = parseNumber(tk.lower)
      if (c && tk.lower !== 'a' && tk.lower !== 'an') first = { count: c, children: null, women: null, next: i + 1, names: [] }
    }
    if (!first) { i++; continue }
    const groupStart = toks[i]!.start
    let count = first.count
    let children = first.children
    let women = first.women
    const names = [...first.names]
    let j = first.next
    let including = false
    // coordination, apposition and "including"
    for (;;) {
      const w = toks[j]?.lower
      if (w === ',' && toks[j + 1] && TITLE.test(toks[j + 1]!.lower)) {
        const nm = readName(toks, j + 2)
        if (nm) { names.push({ name: norm.slice(nm.start, nm.end), start: nm.start, end: nm.end }); j = nm.next; continue }
      }
      if (w === ',' && readName(toks, j + 1) && (toks[readName(toks, j + 1)!.next]?.lower === ',' || toks[readName(toks, j + 1)!.next]?.lower === 'and')) {
        const nm = readName(toks, j + 1)!
        // only an apposition when a name follows a single person ("a woman, Lama ...")
        if (count?.min === 1 && count.max === 1 || names.length > 0) { names.push({ name: norm.slice(nm.start, nm.end), start: nm.start, end: nm.end }); j = nm.next; continue }
      }
      if (w === 'aged' && toks[j + 1] && parseNumber(toks[j + 1]!.lower)) { j += 2; continue }
      if (w === '(' ) { let k = j; while (k < toks.length && toks[k]!.lower !== ')' && k - j < 8) k++; j = k + 1; continue }
      let skip = 0
      if (w === 'including' || (w === ',' && toks[j + 1]?.lower === 'including') || (w === 'among' && toks[j + 1]?.lower === 'them') || (w === ',' && toks[j + 1]?.lower === 'among')) {
        skip = w === 'including' ? 1 : w === ',' && toks[j + 1]?.lower === 'including' ? 2 : w === 'among' ? 2 : 3
        if (toks[j + skip - 1]?.lower === 'among' && toks[j + skip]?.lower === 'them') skip++
        including = true
      } else if (w === 'and' || w === ',' || w === 'plus') {
        skip = toks[j + 1]?.lower === 'and' ? 2 : 1
        // "two civilians, a mother and her daughter": the people named after the comma are the two, not two more
        if (w === ',' && j === first.next && names.length === 0 && count?.min !== null && (count?.min ?? 0) >= 2 && /^(?:civilians|people|persons|residents|villagers)$/.test(toks[j - 1]?.lower ?? '') && /^(?:a|an)$/.test(toks[j + 1]?.lower ?? '')) including = true
        if (toks[j + skip]?.lower === 'her' || toks[j + skip]?.lower === 'his' || toks[j + skip]?.lower === 'their') { /* possessive item */ }
      } else if (w === 'as' && toks[j + 1]?.lower === 'well' && toks[j + 2]?.lower === 'as') skip = 3
      else if ((w === 'along' || w === 'together') && toks[j + 1]?.lower === 'with') skip = 2
      if (skip === 0) break
      const it = parseItem(toks, j + skip, norm, false)
      if (!it) break
      // "killing 14 and injuring 35 more": a verb between the figures ends the group
      if (including) {
        children = add(children, it.children)
        women = add(women, it.women)
      } else {
        count = add(count, it.count)
        children = add(children, it.children)
        women = add(women, it.women)
      }
      names.push(...it.names)
      j = it.next
    }
    const groupEnd = toks[j - 1]!.end
    // what happened to them
    let kind: CasualtyKind | null = afterKill ? 'killed' : afterInjure ? 'injured' : competing ? lastKind : null
    if (kind === null && /^(?:bodies|corpses)$/.test(toks[j - 1]?.lower ?? '')) kind = 'killed'
    if (kind === null && (prev === 'were' || prev === 'was') && toks[i - 2]?.lower === 'as') kind = lastKind
    if (kind === null && j === i + 1 && first.count && lastKind !== null && /^(?:in|at|from|near)$/.test(toks[j]?.lower ?? '')) kind = lastKind
    if (kind === null) {
      for (let k = j; k < Math.min(toks.length, j + 22); k++) {
        const w = toks[k]!.lower
        if (KILL_AFTER.test(w)) {
          if (w === 'lost' && toks[k + 1]?.lower !== 'their') continue
          kind = 'killed'
          break
        }
        if (INJURE_AFTER.test(w)) { kind = 'injured'; break }
        if (w === ';' || KILL_BEFORE.test(w) || INJURE_BEFORE.test(w)) break
        if (k > j && parseItem(toks, k, norm, false)) break
      }
    }
    const viaAnd = kind === null
    const notHurt = toks.slice(j, j + 4).some((t) => /^(?:displaced|arrested|detained|missing|evacuated|affected|fled|trapped|besieged|rescued|homeless|sheltering|living|remain|remained|abducted|kidnapped)$/.test(t.lower))
    if (kind === null && !notHurt && (toks[i - 1]?.lower === 'and' || toks[i - 1]?.lower === ',') && lastKind !== null && out.length > 0 && groupStart - out[out.length - 1]!.end < 200) kind = lastKind
    if (kind !== null && count) {
      if (names.length > 0 && count.min !== null && count.max !== null && count.min < names.length) count = { min: names.length, max: names.length }
      const tail = toks.slice(j, j + 14).map((t) => t.lower).join(' ')
      const lead = toks.slice(Math.max(0, i - 3), i).map((t) => t.lower).join(' ')
      const subset = /\bamong\s+(?:the|those)\s+(?:dead|killed|victims|casualties|injured|wounded)\b/.test(tail) || /(?:among\s+them|including|of\s+whom|of\s+them)$/.test(lead)
      const prevGroup = out[out.length - 1]
      // "11 fighters, including two Syrians and six members ...": still the subset
      if (prevGroup && subsetUntil >= i && (prev === 'and' || prev === ',')) {
        prevGroup.children = add(prevGroup.children, children)
        prevGroup.women = add(prevGroup.women, women)
        subsetUntil = j + 3
      } else {
        out.push({ kind, count, children, women, start: groupStart, end: groupEnd, update: forced && forcedUpdate, names, subset, additive: viaAnd && kind === lastKind && prevGroup !== undefined && prevGroup.kind === kind })
        subsetUntil = including ? j + 3 : -1
      }
      lastKind = kind
    }
    i = Math.max(j, i + 1)
  }
  return out
}
