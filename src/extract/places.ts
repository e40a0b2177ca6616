/**
 * Places in a sentence. Names are found by their shape (capitalised words with Arabic articles:
 * "Jisr al-Shughur", "al Basatin") and looked up in the gazetteer through the injected
 * geocoder, memoised per process: names repeat across reports, so a batch pays for each
 * spelling once. Around each name the patterns read its role: the place of the attack, a
 * governorate qualifying it ("Taman'a, Idlib"), or the anchor of a relative place
 * ("al Basatin, south of Jisr al-Shughur"; "20km to the north"; "the outskirts of X").
 */
import type { GeocodeCandidate, Precision } from '../domain/index.ts'
import type { PlaceServices } from './geocoder-port.ts'

export interface PlaceRef {
  start: number
  end: number
  text: string
  cand: GeocodeCandidate | null
  lat: number | null
  lon: number | null
  admin1: string | null
  admin2: string | null
  precision: Precision
  role: 'primary' | 'qualifier' | 'anchor'
  near?: string
  relation?: string
  admin: boolean
}

const ADMIN_FEATURES = new Set(['country', 'governorate', 'district', 'subdistrict', 'admin1', 'admin2', 'admin3'])
const NAME_RE = /(?:\b(?:al|el|ad|ar|as|ash|at|az|an|Al|El)[-\s])?\b[A-Z][\p{L}'’]*(?:(?:-|\s)(?:(?:al|el|ad|ar|as|ash|at|az|an|bani|bin|abu|ibn|um|umm|Al|El)[-\s])?[A-Z][\p{L}'’]*){0,4}/gu
/** Capitalised words that are never place names in this domain, though a village may share the spelling. */
const NOT_PLACE = new Set(`the a an on in at by of for from to and or but as with after before during while when since until this that these those there
it its his her their our we they he she i on shortly afterwards afterward meanwhile moreover monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec syria syrian syrians russia russian russians turkey turkish
iran iranian iraq iraqi israel israeli us u.s american america uk british britain france french germany german europe european un united nations
assad bashar putin erdogan shoigu lavrov rouhani trump obama biden macron burt alistair sergei vladimir recep tayyip mr mrs ms dr
hts isis isil daesh sdf ypg fsa nlf saa snhr sohr white helmets civil defence defense amnesty reuters afp ap bbc cnn irin msf uossm sams who unicef ocha
hezbollah nusra jabhat tahrir sham hayat hay'at ahrar jaish faylaq army forces regime government coalition observatory network council ministry minister
according local residents activists sources witnesses police state islamic democratic national liberation front free primary school hospital mosque market
bakery camp centre center highway road street square roundabout bridge station airport base committee directorate agency media news office
god allah ramadan eid christmas covid internet twitter facebook telegram whatsapp youtube reach europe asia africa middle east west north south
monitor report reports update breaking summary background note photo video source sources dmz mi-8 mi-17 su-24 su-34 su-22 su-25 l-39
kurdish turkistan golan quds hurras federation republic kingdom one two three four five six seven eight nine ten eleven twelve twenty thirty dozens day days week night morning evening dawn western eastern northern southern central both all none several many most some residents yesterday today tonight earlier later meanwhile however
enab baladi qaeda al-qaeda qaida al-qaida smart step orient sana sarc unhcr wfp irc save children msf sams uossm hrw reach acted
ahmed ahmad mohammed muhammad mohammad mahmoud ali hussein hassan omar khaled khalid abdullah saad ibrahim yusuf youssef mustafa fatima aisha
raad ra'ad ahmad hamza bilal anas osama usama hamid majid walid samir sami jamil karim abdel abdul obama christmas`.split(/\s+/))
/** Trailing words that name a facility in the place, not the place ("Hass underground hospital", "Al Badriya Primary School"). */
const FACILITY = /^(?:primary|secondary|high|school|schools|hospital|clinic|mosque|market|bakery|camp|centre|center|highway|road|street|square|roundabout|bridge|station|airport|base|university|dam|prison|church|checkpoint|countryside|suburbs|city|town|village|province|governorate|district|area|region|plain|mountains?|valley|junction|crossing|border)$/i

const DIR = String.raw`(north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|north|south|east|west)(?:ern)?`
const REL_BEFORE = new RegExp(String.raw`(?:(?:about|around|some|approximately)\s+)?(?:((?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty)\s*(?:km|kms|kilomet(?:re|er)s?|miles?))\s+)?(?:to\s+the\s+)?${DIR}\s+of\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$|(?:near|nearby|close\s+to|outside|(?:the\s+)?(?:outskirts|edge|edges|vicinity|environs|periphery|countryside)\s+of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$`, 'i')
const REL_AFTER = /^[\s'’s]*(?:countryside|suburbs?|outskirts|environs|rural\s+areas|surroundings)\b|^\s+and\s+(?:its|the)\s+(?:countryside|surroundings|outskirts|suburbs|environs|surrounding\s+villages)\b/i
const ADMIN_AFTER = /^\s+(?:province|governorate|muhafaza|district|region|countryside|suburbs|rural\s+area|rural\s+areas|pocket|enclave)\b/i
const ADMIN_BEFORE = /(?:southern|northern|eastern|western|south|north|east|west|central|rural|greater|north[- ]?western|south[- ]?western|north[- ]?eastern|south[- ]?eastern)\s+$/i
const UNRESOLVED_CUE_BEFORE = /(?:village|town|city|hamlet|neighbou?rhood|camp|district)\s+of\s+$/i
const UNRESOLVED_CUE_AFTER = /^\s+(?:village|town|city|hamlet|neighbou?rhood|camp|area)\b|^,\s+(?:\d+\s*(?:km|kilomet\w+)\s+)?(?:to\s+the\s+)?(?:north|south|east|west)/i
const IMPLICIT_REL = new RegExp(String.raw`\b(\d+(?:\.\d+)?)\s*(?:km|kms|kilomet(?:re|er)s?)\s+(?:to\s+the\s+)?${DIR}\b(?!\s+of)`, 'gi')
const PERSON_NAME = /\b(?:Mrs|Mr|Ms|Miss|Dr|Sheikh|Hajj|Imam|daughter|son|wife|husband|brother|sister|mother|father|named(?:\s+as)?|identified\s+as|President|Minister|director|chief|head|doctor|paediatrician|pediatrician|surgeon|teacher|volunteer|commander|leader|spokesman|spokeswoman|journalist|activist|envoy)\.?,?\s+((?:[A-Z][\p{L}'’-]+|al|el|bin|ibn|abu|um|umm)(?:[\s-](?:[A-Z][\p{L}'’-]+|al|el|bin|ibn|abu|um|umm)){0,4})/gu
const OF_THE_CITY = new RegExp(String.raw`^\s+(?:area\s+|neighbou?rhood\s+|district\s+|hamlet\s+)?(?:,\s*)?(?:about\s+\d+\s*km\s+)?${DIR}\s+of\s+the\s+(?:city|town|village)\b`, 'i')
const METONYM_AFTER = /^(?:-based\b|\s+and\s+(?:its|their)\s+allies\b|\s+(?:and|or)\s+(?:Moscow|Tehran|Ankara|Washington|Beirut|Amman)\b|\s+(?:has\s+|had\s+|have\s+|is\s+|was\s+|will\s+|would\s+)?(?:stepped\s+up|regards?|regarded|wants?|wanted|insists?|seeks?|sought|massed|rejects?|refused|accepts?|accepted|considers?|views?|backs?|welcomed|agreed|vowed|pledged)\b)/i
const METONYM_BEFORE = /(?:\b(?:government|regime|authorities|officials|leadership|rulers|embassy)\s+in|\b(?:warned|urged|pressed|allowed|gave|giving|backing|supporting|with|Moscow\s+and|Tehran\s+and|Ankara\s+and|Washington\s+and)|\bas)\s+$/i
const VENUE_BEFORE = /\b(?:met|meet|meets|meeting|summit|talks|conference|negotiations|signed|hosted)\s+(?:\w+\s+){0,2}(?:in|at)\s+$/i
const TREATED_BEFORE = /\b(?:taken|took|transferred|rushed|evacuated|brought|admitted|treated|referred)\b[^.;]{0,40}\b(?:hospitals?|clinics?|medical\s+(?:points?|cent(?:re|er)s?)|field\s+hospitals?)\s+in\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$/i
const BEARINGS: Record<string, number> = { north: 0, northeast: 45, east: 90, southeast: 135, south: 180, southwest: 225, west: 270, northwest: 315 }

const FIRST_NAMES = new Set('ahmed ahmad mohammed muhammad mohammad mahmoud ali hussein hassan omar khaled khalid abdullah saad ibrahim yusuf youssef mustafa fatima aisha raed hamoud jihad bashar hafez maher rami anas osama hamza bilal walid samir majid karim tariq ziad nizar firas'.split(' '))

const memo = new Map<string, GeocodeCandidate[]>()

function lookup(services: PlaceServices, name: string): GeocodeCandidate[] {
  let hit = memo.get(name)
  if (hit === undefined) {
    hit = services.geocoder.geocode(name, { limit: 5 })
    if (memo.size > 50000) memo.clear()
    memo.set(name, hit)
  }
  return hit
}

const matched = new Map<string, GeocodeCandidate[]>()

/** Gazetteer candidates that really spell `name`, memoised with the lookup. */
function matching(services: PlaceServices, name: string): GeocodeCandidate[] {
  let hit = matched.get(name)
  if (hit === undefined) {
    hit = lookup(services, name).filter((c) => similar(services, name, c))
    if (matched.size > 50000) matched.clear()
    matched.set(name, hit)
  }
  return hit
}

function similar(services: PlaceServices, a: string, c: GeocodeCandidate): boolean {
  const norm = services.normaliseName ?? ((s: string) => s.toLowerCase().replace(/\b(?:al|el|ash|as|ad|ar|at|az|an)[-\s]/g, '').replace(/[^a-z\u0600-\u06ff]/g, ''))
  const ka = norm(a)
  if (!ka) return false
  const names = [c.name, typeof c.matched === 'string' ? c.matched : '', ...(Array.isArray(c.alt_names) ? (c.alt_names as unknown[]).filter((x): x is string => typeof x === 'string') : [])]
  for (const n of names) {
    if (!n) continue
    const kb = norm(n)
    if (kb && jaroWinkler(ka, kb) >= 0.85) return true
  }
  return false
}

export interface PlaceContext {
  /** admin1 names stated in the report so far (most recent first): disambiguates homonyms */
  admin1: string[]
  /** resolved places of the report so far: nearby homonyms win */
  near: { lat: number; lon: number }[]
  /** last primary place, the anchor of "20km to the north" without a named anchor */
  last: PlaceRef | null
  /** the last town or village named in the report, the referent of "south of the city" */
  named?: PlaceRef | null
}

function dist(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (a.lat - b.lat) * 111
  const dLon = (a.lon - b.lon) * 111 * Math.cos((a.lat * Math.PI) / 180)
  return Math.sqrt(dLat * dLat + dLon * dLon)
}

function choose(cands: GeocodeCandidate[], wantAdmin: boolean, ctx: PlaceContext, hint: string | null, local: { lat: number; lon: number }[] = []): GeocodeCandidate | null {
  let best: GeocodeCandidate | null = null
  let bestScore = -1
  for (const c of cands) {
    const isAdmin = ADMIN_FEATURES.has(c.feature)
    let s = c.score
    if (wantAdmin) s += isAdmin ? (c.feature === 'governorate' ? 0.5 : 0.3) : 0
    else if (isAdmin) s -= 0.05
    if (hint && c.admin1 && c.admin1.toLowerCase() === hint.toLowerCase()) s += 0.2
    else if (ctx.admin1.length > 0 && c.admin1 && ctx.admin1.some((a) => a.toLowerCase() === c.admin1!.toLowerCase())) s += 0.12
    if (ctx.near.length > 0 && ctx.near.some((p) => dist(p, c) < 40)) s += 0.1
    if (!isAdmin && local.some((p) => dist(p, c) < 15)) s += 0.15
    if (s > bestScore) { best = c; bestScore = s }
  }
  return best
}

function precisionOf(c: GeocodeCandidate): Precision {
  if (c.feature === 'governorate' || c.feature === 'district' || c.feature === 'country') return 3
  if (c.feature === 'subdistrict') return 2
  return 1
}

interface Found {
  start: number
  end: number
  cands: GeocodeCandidate[]
}

/** Gazetteer names inside one capitalised run, longest first, left to right. */
function resolveRun(services: PlaceServices, norm: string, start: number, run: string, out: Found[]): void {
  const words: { s: number; e: number; w: string }[] = []
  const re = /[^\s]+/g
  let m: RegExpExecArray | null
  while ((m = re.exec(run))) words.push({ s: start + m.index, e: start + m.index + m[0].length, w: m[0] })
  let i = 0
  while (i < words.length) {
    let matched = false
    for (let j = Math.min(words.length, i + 5); j > i; j--) {
      const first = words[i]!
      const lastW = words[j - 1]!
      if (FACILITY.test(lastW.w) && j - 1 > i) continue
      const text = norm.slice(first.s, lastW.e).replace(/'s$/, '')
      // a name never starts or ends with a common word ("In Kafr Nabl", "Western governments")
      if (NOT_PLACE.has(first.w.toLowerCase()) || (j - 1 > i && NOT_PLACE.has(lastW.w.toLowerCase()))) continue
      const key = text.toLowerCase().replace(/^(?:al|el)[-\s]/, '')
      if (NOT_PLACE.has(key) || NOT_PLACE.has(text.toLowerCase())) continue
      if (j - i === 1 && /^(?:al|el|an|ar|as|ash|at|az|ad)$/i.test(first.w)) continue
      // "Nabd al" out of "Nabd al Hayat Hospital": a name never ends on its article
      if (j - i > 1 && /^(?:al|el|an|ar|as|ash|at|az|ad)$/i.test(lastW.w)) continue
      const cands = matching(services, text)
      if (cands.length > 0) {
        out.push({ start: first.s, end: lastW.e, cands })
        i = j
        matched = true
        break
      }
    }
    if (!matched) i++
  }
}

/** A name that stands for something other than the scene of an event. */
function notScene(norm: string, sStart: number, sEnd: number, f: Found): boolean {
  const pre = norm.slice(Math.max(sStart, f.start - 60), f.start)
  // "Damascus-based", "the government in Damascus", "warned Damascus", "Damascus and its allies have massed":
  // a capital standing for its government, or an outlet's home, not a place attacked
  if (METONYM_AFTER.test(norm.slice(f.end, Math.min(sEnd, f.end + 40))) || METONYM_BEFORE.test(pre)) return true
  // "taken to a hospital in Ariha": where the wounded were treated, not where they were hit
  // "met in Tehran", "a summit in Sochi": where leaders talked, not where bombs fell
  if (TREATED_BEFORE.test(pre) || VENUE_BEFORE.test(pre)) return true
  // "In Mhambel, further east towards Ariha": a bearing, not a second scene
  if (/\b(?:further|farther)\s+(?:north|south|east|west)\w*\s+(?:towards?|from)\s+$/i.test(pre)) return true
  // "Our Khan Shaykhun team", "the Idlib directorate": an organisation's unit named after the place it serves
  return /\b(?:our|its|their)\s+$/i.test(pre) && /^\s+(?:team|teams|sector|directorate|branch|correspondent|council)\b/i.test(norm.slice(f.end, f.end + 16))
}

/** Places named in one sentence, with their roles. */
export function readPlaces(services: PlaceServices, text: string, norm: string, sStart: number, sEnd: number, ctx: PlaceContext): PlaceRef[] {
  const sentence = norm.slice(sStart, sEnd)
  const found: Found[] = []
  const unresolved: { start: number; end: number }[] = []
  NAME_RE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = NAME_RE.exec(sentence))) {
    const s = sStart + m.index
    // "Khaled al-Asaad": a person's name, whatever village shares its surname
    if (FIRST_NAMES.has(m[0].split(/[\s-]/)[0]!.toLowerCase()) && /[\s-]/.test(m[0])) continue
    // "KAFRANBEL, Syria (AFP) -": a dateline names where the story was filed, not where the attack was
    if (/^[A-Z\s'-]{4,}$/.test(m[0]) && /^\s*(?:,|\()/.test(sentence.slice(m.index + m[0].length, m.index + m[0].length + 3))) continue
    // "Idlib — Three civilians were killed": a dash dateline opening the text
    if (m.index <= 1 && /^\s*[—–]\s|^\s+-\s/.test(sentence.slice(m.index + m[0].length, m.index + m[0].length + 4))) continue
    const before = found.length
    resolveRun(services, norm, s, m[0], found)
    if (found.length === before) {
      const pre = norm.slice(Math.max(0, s - 30), s)
      const post = norm.slice(s + m[0].length, s + m[0].length + 40)
      const firstWord = m[0].split(/[\s-]/)[0]!.toLowerCase()
      // "the town of Ltamenah ... of Hama": a spelling the name key misses, but the gazetteer's close reading lies in the governorate the sentence names
      const close = UNRESOLVED_CUE_BEFORE.test(pre) && !/\s/.test(m[0]) ? lookup(services, m[0]).find((c) => c.score >= 0.93 && !ADMIN_FEATURES.has(c.feature) && c.admin1 !== null && sentence.includes(c.admin1)) : undefined
      if (close && !NOT_PLACE.has(firstWord)) found.push({ start: s, end: s + m[0].length, cands: [close] })
      else if ((UNRESOLVED_CUE_BEFORE.test(pre) || (/\b(?:in|at)\s+(?:the\s+)?$/.test(pre) && UNRESOLVED_CUE_AFTER.test(post))) && !NOT_PLACE.has(firstWord) && !NOT_PLACE.has(m[0].toLowerCase())) {
        let end = s + m[0].length
        const words = m[0].split(/\s+/)
        while (words.length > 1 && FACILITY.test(words[words.length - 1]!)) { words.pop() }
        end = s + words.join(' ').length
        unresolved.push({ start: s, end })
      }
    }
  }
  // a person's name after a title or a kinship word is not a place ("Mrs Lama al Saeed", "her daughter Walaa al Taha")
  PERSON_NAME.lastIndex = 0
  let pm: RegExpExecArray | null
  while ((pm = PERSON_NAME.exec(sentence))) {
    const ps = sStart + pm.index + pm[0].length - pm[1]!.length
    const pe = sStart + pm.index + pm[0].length
    // "the Sheikh Maqsoud neighbourhood", "between Sheikh Miskin and Nawa": a place named after a sheikh
    if (/^Sheikh/.test(pm[0]) && /\b(?:in|at|between|of|near|on|to|from|and|hit|struck|shelled|targeted)\s+(?:the\s+)?$/i.test(sentence.slice(Math.max(0, pm.index - 12), pm.index))) continue
    if (/^\s+(?:neighbou?rhood|district|area|village|town|quarter|camp)\b/i.test(norm.slice(pe, pe + 16))) continue
    for (let k = found.length - 1; k >= 0; k--) if (found[k]!.start < pe && found[k]!.end > ps) found.splice(k, 1)
  }
  // "Lama al-Saeed and her daughter": a person named before her kin
  for (let k = found.length - 1; k >= 0; k--) {
    const f = found[k]!
    if (/^\s+and\s+(?:her|his|their)\s+(?:daughters?|sons?|wife|husband|mother|father|brothers?|sisters?|children|child|grandchildren)\b/i.test(norm.slice(f.end, f.end + 40))) {
      // the whole name: the capitalised words run back to the comma before it
      const run = /(?:[A-Z][\p{L}'’-]*|al|el|bin|abu|um)(?:[\s-](?:[A-Z][\p{L}'’-]*|al|el|bin|abu|um))*$/u.exec(norm.slice(Math.max(sStart, f.start - 40), f.end))
      const from = run ? f.end - run[0].length : f.start
      for (let q = found.length - 1; q >= 0; q--) if (found[q]!.start >= from && found[q]!.end <= f.end) found.splice(q, 1)
      k = Math.min(k, found.length)
    }
  }
  // the governorate of the sentence, as a hint for homonyms ("Abdin ... Idlib governorate")
  let hint: string | null = null
  for (const f of found) {
    const admin = f.cands.find((c) => c.feature === 'governorate')
    if (admin && (ADMIN_AFTER.test(norm.slice(f.end, f.end + 20)) || ADMIN_BEFORE.test(norm.slice(Math.max(0, f.start - 20), f.start)) || /^,/.test(norm.slice(f.end, f.end + 1)))) hint = admin.admin1
  }
  const refs: PlaceRef[] = []
  for (const f of found) {
    const pre = norm.slice(Math.max(sStart, f.start - 60), f.start)
    const post = norm.slice(f.end, Math.min(sEnd, f.end + 30))
    const hasAdminCand = f.cands.some((c) => c.feature === 'governorate' || c.feature === 'district')
    const hasGovernorate = f.cands.some((c) => c.feature === 'governorate')
    const wantAdmin = hasAdminCand && (ADMIN_AFTER.test(post) || ADMIN_BEFORE.test(pre) || /(?:countryside|suburbs|outskirts|province|governorate)\s+of\s+(?:the\s+)?$/i.test(pre) || (/^,\s*$/.test(pre.slice(-2)) && refs.length > 0 && !refs[refs.length - 1]!.admin && f.start - refs[refs.length - 1]!.end <= 3))
    // "al-Quds hospital in Aleppo": the facility's name, the place is the one after "in"
    if (/^\s+(?:[\w-]+\s+)?(?:[Hh]ospital|[Ss]chool|[Mm]osque|[Bb]akery|[Mm]arket|[Cc]linic|[Cc]ent(?:re|er)|[Cc]amp|[Pp]rison|[Uu]niversity)\s+(?:in|at|of)\s+(?:the\s+)?(?:city\s+of\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\b(?!\s+(?:suburbs|countryside|province|governorate|region|district|rural))/.test(norm.slice(f.end, f.end + 60))) continue
    if (notScene(norm, sStart, sEnd, f)) continue
    // "Damascus denied", "Moscow said": a government speaking, not a place attacked
    if (/^\s+(?:has\s+|had\s+)?(?:denied|denies|said|says|announced|accused|blamed|claimed|responded|rejected|condemned|warned|insisted)\b/i.test(post)) continue
    // "fired from regime positions in Jurin": where the fire came from
    if (/\b(?:fired|launched|came)\s+(?:from|by)\s+(?:\w+\s+){0,3}(?:in|at)\s+(?:the\s+)?(?:eastern\s+|western\s+|northern\s+|southern\s+)?$/i.test(pre)) continue
    // homonyms: the reading near the other places this sentence names wins ("al-Ghassaniya in the countryside of Jisr al-Shughur")
    const others = found.filter((o) => o !== f && !notScene(norm, sStart, sEnd, o)).map((o) => o.cands.filter((x) => !ADMIN_FEATURES.has(x.feature))).filter((l) => l.length === 1).map((l) => ({ lat: l[0]!.lat, lon: l[0]!.lon }))
    const c = choose(f.cands, wantAdmin, ctx, hint, f.cands.length > 1 ? others : [])
    if (!c) continue
    const isAdmin = ADMIN_FEATURES.has(c.feature)
    const ref: PlaceRef = { start: f.start, end: f.end, text: text.slice(f.start, f.end), cand: c, lat: c.lat, lon: c.lon, admin1: c.admin1, admin2: c.admin2, precision: precisionOf(c), role: 'primary', admin: isAdmin }
    if (isAdmin && !/\bcity\b/i.test(post.slice(0, 8))) ref.precision = 3
    const rel = REL_BEFORE.exec(pre)
    const relAfter = REL_AFTER.test(post)
    if (rel || (relAfter && !isAdmin)) {
      ref.relation = rel ? rel[0].trim() : (REL_AFTER.exec(post)?.[0] ?? '').trim()
      // "X, south of Y": Y anchors the place just named
      const prev = [...refs, ...unresolved.map((u) => ({ ...u, kind: 'u' as const }))].filter((p) => p.end <= f.start && f.start - p.end < 45).sort((a, b) => b.end - a.end)[0]
      const between = prev ? norm.slice(prev.end, f.start) : ''
      // "Mhambel, in the Ariha area south-west of Idlib city": the area word sits between the place and its anchor
      if (prev && rel && (/^\s*,\s*/.test(between) || /^\s+(?:area|region|district|sector|countryside|plain|hills)\s*,?\s*$/i.test(between.slice(0, between.length - rel[0].length)) || (/^\s*$/.test(between) && /^(?:near|close\s+to|outside)\b/i.test(rel[0].trim()))) && !/[;.]/.test(between)) {
        ref.role = 'anchor'
        const target = refs.find((r) => r.start === prev.start)
        if (target) {
          target.near = ref.text
          // "Abdin, south of Idlib": the south of the governorate, not a point near its capital
          if (hasGovernorate && target.lat !== null && target.admin1 !== null && target.admin1 === c.admin1) { ref.role = 'qualifier'; delete target.near }
          // a homonym far away ("Basatin" in Tartus for a hamlet south of Jisr al-Shughur): the anchor is the better reading
          else if (target.lat === null || target.lon === null || dist({ lat: target.lat, lon: target.lon }, c) > 25) {
            target.cand = null
            target.lat = c.lat
            target.lon = c.lon
            target.admin1 = c.admin1
            target.admin2 = c.admin2
            target.precision = 2
            target.relation = rel[0].trim()
          }
        }
        else {
          const u = prev as { start: number; end: number }
          const phrase = norm.slice(f.start - rel[0].length, f.end)
          const reading = services.relative?.(phrase.trim(), { admin1: hint })
          const noDistance = !rel[1]
          const lat = reading && !noDistance ? reading.lat : c.lat
          const lon = reading && !noDistance ? reading.lon : c.lon
          refs.push({ start: u.start, end: u.end, text: text.slice(u.start, u.end), cand: null, lat, lon, admin1: c.admin1, admin2: c.admin2, precision: 2, role: 'primary', near: ref.text, relation: rel[0].trim(), admin: false })
          unresolved.splice(unresolved.indexOf(u as (typeof unresolved)[number]), 1)
        }
      } else {
        if (rel?.[1]) {
          const phrase = norm.slice(f.start - rel[0].length, f.end).trim()
          const reading = services.relative?.(phrase, { admin1: hint })
          if (reading) { ref.lat = reading.lat; ref.lon = reading.lon }
        }
        ref.precision = isAdmin ? 3 : 2
        ref.near = ref.text
      }
    }
    refs.push(ref)
  }
  for (const u of unresolved) refs.push({ start: u.start, end: u.end, text: text.slice(u.start, u.end), cand: null, lat: null, lon: null, admin1: hint, admin2: null, precision: 3, role: 'primary', admin: false })
  refs.sort((a, b) => a.start - b.start)
  // "in the al-Basatin area south of the city": the city is the one last named; a homonym far from it is the wrong reading
  const prevNamed = ctx.named
  if (prevNamed && prevNamed.lat !== null && prevNamed.lon !== null) {
    for (const r of refs) {
      if (r.role !== 'primary' || r.admin || r.relation || r.lat === null || r.lon === null) continue
      const rel = OF_THE_CITY.exec(norm.slice(r.end, r.end + 50))
      if (!rel || dist({ lat: r.lat, lon: r.lon }, { lat: prevNamed.lat, lon: prevNamed.lon }) <= 25) continue
      r.cand = null
      r.lat = prevNamed.lat
      r.lon = prevNamed.lon
      r.admin1 = prevNamed.admin1
      r.admin2 = prevNamed.admin2
      r.precision = 2
      r.near = prevNamed.text
      r.relation = rel[0].trim()
    }
  }
  for (const r of refs) if (r.role === 'primary' && !r.admin && r.cand !== null && r.precision === 1) ctx.named = r
  // an admin unit next to a finer place qualifies it; alone it is the place (precision 3)
  const hasFine = refs.some((r) => r.role === 'primary' && !r.admin)
  for (const r of refs) if (r.admin && hasFine && r.role === 'primary') r.role = 'qualifier'
  // "Idlib suburbs" style region words after a town that already has a finer place in the sentence
  for (const r of refs) {
    if (r.role === 'primary' && r.relation && REL_AFTER.test(norm.slice(r.end, r.end + 20)) && refs.some((o) => o !== r && o.role === 'primary' && !o.relation && o.end <= r.start && r.start - o.end < 30)) r.role = 'qualifier'
  }
  // "Mhambel, in the Ariha area", "Abdin in the Khan Shaykhun area of southern Idlib": the area a named village lies in
  for (let i = 1; i < refs.length; i++) {
    const r = refs[i]!
    const prev = refs[i - 1]!
    if (r.role !== 'primary' || prev.role !== 'primary' || prev.admin) continue
    if (/^(?:\s*\([^)]{0,40}\))?,?\s+in\s+the\s+$/i.test(norm.slice(prev.end, r.start)) && /^\s+(?:area|region|district|sector|countryside|subdistrict)\b/i.test(norm.slice(r.end, r.end + 14))) r.role = 'qualifier'
  }
  // "20km to the north" with no named anchor: from the last place of the report
  if (!refs.some((r) => r.role === 'primary') && !/\b(?:fired|launched|came)\s+from\b/i.test(sentence)) {
    IMPLICIT_REL.lastIndex = 0
    const im = IMPLICIT_REL.exec(sentence)
    if (im && ctx.last && ctx.last.lat !== null && ctx.last.lon !== null) {
      const km = Number(im[1])
      const bearing = BEARINGS[im[2]!.toLowerCase().replace(/[- ]/g, '')] ?? 0
      const p = move(ctx.last.lat, ctx.last.lon, bearing, km)
      refs.push({ start: sStart + im.index, end: sStart + im.index + im[0].length, text: text.slice(sStart + im.index, sStart + im.index + im[0].length), cand: null, lat: p.lat, lon: p.lon, admin1: ctx.last.admin1, admin2: ctx.last.admin2, precision: 2, role: 'primary', near: ctx.last.text, relation: im[0], admin: false })
    }
  }
  return refs
}

function move(lat: number, lon: number, bearingDeg: number, km: number): { lat: number; lon: number } {
  const b = (bearingDeg * Math.PI) / 180
  return { lat: lat + (km * Math.cos(b)) / 111.32, lon: lon + (km * Math.sin(b)) / (111.32 * Math.cos((lat * Math.PI) / 180)) }
}

const AR_NOT_PLACE = new Set('حربية حربيه مروحية مروحيات روسية سورية سيدة امرأة رجل طفل المدينة البلدة القرية وقف إطلاق النار الهدنة الاتفاق على في من إلى الى عن مع بعد قبل مدينة بلدة قرية ريف حي منطقة محافظة الشهداء الشهيد القتلى الحربية الحربي الطيران الطائرات النظام قوات ظهر صباح مساء اليوم أمس امس الذي التي الذين جراء بينهم شمال جنوب شرق غرب شمالي جنوبي شرقي غربي الشمالي الجنوبي الشرقي الغربي الدفاع المدني سمارت المرصد'.split(' '))

/** Arabic-script names: the gazetteer's own recogniser, since Arabic has no capitals to find names by. */
export function readArabicPlaces(services: PlaceServices, text: string, norm: string, sStart: number, sEnd: number, ctx: PlaceContext): PlaceRef[] {
  const refs: PlaceRef[] = []
  for (const mnt of services.geocoder.recognise(norm.slice(sStart, sEnd))) {
    if (AR_NOT_PLACE.has(mnt.text.trim())) continue
    const c = choose(mnt.candidates.filter((x) => similar(services, mnt.text, x)), false, ctx, null)
    if (!c || c.score < 0.5) continue
    const start = sStart + mnt.start
    const end = sStart + mnt.end
    const isAdmin = ADMIN_FEATURES.has(c.feature)
    if (refs.some((r) => r.cand?.id === c.id)) continue
    // "جنوبي إدلب", "بريف حماة": the governorate qualifying the place, not a second place
    const qualifier = /(?:ريف|جنوبي|شمالي|شرقي|غربي|جنوب|شمال|شرق|غرب|بريف|محافظة)\s*$/.test(norm.slice(Math.max(0, start - 8), start))
    refs.push({ start, end, text: text.slice(start, end), cand: c, lat: c.lat, lon: c.lon, admin1: c.admin1, admin2: c.admin2, precision: isAdmin ? 3 : 1, role: qualifier && refs.length > 0 ? 'qualifier' : 'primary', admin: isAdmin })
  }
  const hasFine = refs.some((r) => !r.admin)
  for (const r of refs) if (r.admin && hasFine) r.role = 'qualifier'
  return refs
}

/** Jaro-Winkler similarity (Winkler 1990), prefix scale 0.1 up to 4 characters. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1)
  const ma = new Array<boolean>(la).fill(false)
  const mb = new Array<boolean>(lb).fill(false)
  let matches = 0
  for (let i = 0; i < la; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(lb, i + window + 1); j++) {
      if (mb[j] || a[i] !== b[j]) continue
      ma[i] = true
      mb[j] = true
      matches++
      break
    }
  }
  if (matches === 0) return 0
  let t = 0
  let k = 0
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue
    while (!mb[k]) k++
    if (a[i] !== b[k]) t++
    k++
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3
  let prefix = 0
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}
