/**
 * Relative place phrases as reports write them: "south of Jisr al-Shughur", "20km to the north
 * of Hass", "the outskirts of Khan Sheikhoun", "Idlib countryside", "near Saraqib", or an
 * admin unit alone. Gives a point and an ACLED-style precision (2 = near/part of a region,
 * 3 = governorate or district) with the offset or area radius that justify it.
 */
import type { GeocodeCandidate } from '../domain/event.ts'
import { ADMIN_FEATURES } from './gazetteer-place.ts'
import type { Geocoder, GeocodeOptions } from './geocoder.ts'
import { destination } from './geo.ts'

export interface RelativePlace {
  anchor: GeocodeCandidate
  lat: number
  lon: number
  /** 1 the place itself, 2 near / part of a region, 3 governorate or district centroid */
  precision: 1 | 2 | 3
  bearing_deg?: number
  distance_km?: number
  /** how far from (lat, lon) the event may be */
  radius_km: number
  relation: 'near' | 'direction' | 'outskirts' | 'countryside' | 'admin'
}

const BEARINGS: Record<string, number> = {
  north: 0, northeast: 45, 'north-east': 45, 'north east': 45, east: 90, southeast: 135, 'south-east': 135, 'south east': 135,
  south: 180, southwest: 225, 'south-west': 225, 'south west': 225, west: 270, northwest: 315, 'north-west': 315, 'north west': 315,
  'شمال': 0, 'شمال شرق': 45, 'شرق': 90, 'جنوب شرق': 135, 'جنوب': 180, 'جنوب غرب': 225, 'غرب': 270, 'شمال غرب': 315,
}
const AR_SIDE: Record<string, number> = {
  'الشمالي': 0, 'الشمالي الشرقي': 45, 'الشرقي': 90, 'الجنوبي الشرقي': 135, 'الجنوبي': 180, 'الجنوبي الغربي': 225, 'الغربي': 270, 'الشمالي الغربي': 315,
}
const DIR = 'north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|north|south|east|west'
const UNIT_KM: Record<string, number> = { km: 1, kms: 1, kilometre: 1, kilometres: 1, kilometer: 1, kilometers: 1, mi: 1.609, mile: 1.609, miles: 1.609, m: 0.001, metres: 0.001, meters: 0.001 }
const NUM_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20, thirty: 30 }

/** Radius of a region around an admin centroid, by feature. */
const AREA_KM: Record<string, number> = { governorate: 60, district: 30, subdistrict: 12, city: 6, town: 4, community: 3 }
const DEFAULT_OFFSET_KM = 5

/** Below this score an anchor is a guess, and a relative place built on a guess is worse than none. */
const MIN_ANCHOR_SCORE = 0.5

function anchorOf(geocoder: Geocoder, name: string, options: GeocodeOptions, preferAdmin = false): GeocodeCandidate | null {
  const clean = name.replace(/^(the\s+)?(town|city|village|villages|area|areas)\s+of\s+/i, '').replace(/[.,;:]+$/, '').trim()
  if (!clean) return null
  const found = geocoder.geocode(clean, { ...options, limit: 5 })
  const first = found[0]
  if (!first || first.score < MIN_ANCHOR_SCORE) return null
  if (preferAdmin) {
    // "Hama countryside" is the governorate's rural area, not the city's edge
    const admin = found.find((c) => (c.feature === 'governorate' || c.feature === 'district') && c.score >= first.score * 0.8)
    if (admin) return admin
  }
  return first
}

function dir(word: string): number | undefined {
  return BEARINGS[word.toLowerCase().replace(/\s+/g, ' ')] ?? BEARINGS[word.toLowerCase().replace(/[- ]/g, '')]
}

/**
 * Reads a relative place phrase; null when no gazetteer place anchors it.
 * @example interpretRelative(g, '20km to the north of Hass') // {lat≈35.80, precision: 2, bearing_deg: 0, distance_km: 20, …}
 */
export function interpretRelative(geocoder: Geocoder, phrase: string, options: GeocodeOptions = {}): RelativePlace | null {
  if (typeof phrase !== 'string') return null
  const p = phrase.replace(/\s+/g, ' ').trim()
  if (!p || p.length > 300) return null
  let m: RegExpMatchArray | null

  // "20km to the north of X", "5 km south of X", "two kilometres east of X"
  m = p.match(new RegExp(`^(?:about |around |some |approximately )?(\\d+(?:\\.\\d+)?|${Object.keys(NUM_WORDS).join('|')})\\s*(km|kms|kilomet(?:re|er)s?|mi|miles?|m|met(?:re|er)s)\\s+(?:to\\s+the\\s+)?(${DIR})(?:ern)?\\s+(?:of\\s+)?(.+)$`, 'i'))
  if (m) {
    const n = Number(m[1]) || NUM_WORDS[m[1]!.toLowerCase()] || 0
    const km = n * (UNIT_KM[m[2]!.toLowerCase()] ?? 1)
    const bearing = dir(m[3]!)
    const anchor = anchorOf(geocoder, m[4]!, options)
    if (anchor && bearing !== undefined && km > 0 && km < 500) {
      const at = destination(anchor.lat, anchor.lon, bearing, km)
      return { anchor, ...at, precision: 2, bearing_deg: bearing, distance_km: km, radius_km: Math.max(2, km * 0.25), relation: 'direction' }
    }
  }
  // "south of X", "to the north-west of X", "north of X countryside"
  m = p.match(new RegExp(`^(?:to\\s+the\\s+|in\\s+the\\s+)?(${DIR})(?:ern)?\\s+(?:of\\s+)?(.+)$`, 'i'))
  if (m) {
    const bearing = dir(m[1]!)
    // "southern Idlib countryside" is the south of the governorate, not of the city
    const rural = /\s+(countryside|rural\s+areas?)$/i.test(m[2]!)
    const rest = m[2]!.replace(/\s+(countryside|rural\s+areas?|suburbs|outskirts)$/i, '')
    const anchor = anchorOf(geocoder, rest, options, rural)
    if (anchor && bearing !== undefined) {
      const km = ADMIN_FEATURES.has(anchor.feature) ? (AREA_KM[anchor.feature] ?? 20) * 0.5 : DEFAULT_OFFSET_KM
      const at = destination(anchor.lat, anchor.lon, bearing, km)
      return { anchor, ...at, precision: 2, bearing_deg: bearing, distance_km: km, radius_km: km, relation: 'direction' }
    }
  }
  // Arabic: "ريف حماة الشمالي" (the northern countryside of Hama), "ريف إدلب الجنوبي الشرقي"
  m = p.match(/^ريف\s+(.+?)\s+(الشمالي الغربي|الشمالي الشرقي|الجنوبي الغربي|الجنوبي الشرقي|الشمالي|الجنوبي|الشرقي|الغربي)$/u)
  if (m) {
    const anchor = anchorOf(geocoder, m[1]!, options, true)
    const bearing = AR_SIDE[m[2]!]
    if (anchor && bearing !== undefined) {
      const km = ADMIN_FEATURES.has(anchor.feature) ? (AREA_KM[anchor.feature] ?? 20) * 0.5 : DEFAULT_OFFSET_KM
      const at = destination(anchor.lat, anchor.lon, bearing, km)
      return { anchor, ...at, precision: 2, bearing_deg: bearing, distance_km: km, radius_km: km, relation: 'direction' }
    }
  }
  // Arabic: "جنوب X", "شمال غرب X", "ريف X", "محيط X", "قرب X"
  m = p.match(/^(شمال غرب|شمال شرق|جنوب غرب|جنوب شرق|شمال|جنوب|شرق|غرب)(?:ي)?\s+(.+)$/u)
  if (m) {
    const anchor = anchorOf(geocoder, m[2]!.replace(/^ريف\s+/u, ''), options)
    if (anchor) {
      const bearing = BEARINGS[m[1]!]!
      const at = destination(anchor.lat, anchor.lon, bearing, DEFAULT_OFFSET_KM)
      return { anchor, ...at, precision: 2, bearing_deg: bearing, distance_km: DEFAULT_OFFSET_KM, radius_km: DEFAULT_OFFSET_KM, relation: 'direction' }
    }
  }
  // "the outskirts of X", "X outskirts", "X suburbs", "محيط X", "أطراف X"
  m = p.match(/^(?:on\s+|in\s+)?(?:the\s+)?(?:outskirts|suburbs|edge|periphery|environs)\s+of\s+(.+)$/i) ?? p.match(/^(.+?)(?:'s)?\s+(?:outskirts|suburbs|environs)$/i) ?? p.match(/^(?:محيط|أطراف|اطراف|ضواحي)\s+(.+)$/u)
  if (m) {
    const anchor = anchorOf(geocoder, m[1]!, options)
    if (anchor) {
      const r = ADMIN_FEATURES.has(anchor.feature) ? AREA_KM[anchor.feature] ?? 20 : (AREA_KM[anchor.feature] ?? 3) + 2
      return { anchor, lat: anchor.lat, lon: anchor.lon, precision: 2, radius_km: r, relation: 'outskirts' }
    }
  }
  // "X countryside", "rural X", "the countryside of X", "ريف X"
  m = p.match(/^(?:the\s+)?(?:countryside|rural\s+areas?|villages)\s+of\s+(.+)$/i) ?? p.match(/^(.+?)\s+(?:countryside|rural\s+areas?|rif)$/i) ?? p.match(/^(?:rural|rif|reef)\s+(.+)$/i) ?? p.match(/^ريف\s+(.+)$/u)
  if (m) {
    const anchor = anchorOf(geocoder, m[1]!, options, true)
    if (anchor) {
      const admin = ADMIN_FEATURES.has(anchor.feature)
      return { anchor, lat: anchor.lat, lon: anchor.lon, precision: admin && anchor.feature !== 'subdistrict' ? 3 : 2, radius_km: admin ? AREA_KM[anchor.feature] ?? 30 : 15, relation: 'countryside' }
    }
  }
  // "near X", "close to X", "in the vicinity of X", "قرب X"
  m = p.match(/^(?:near(?:by)?|close\s+to|next\s+to|by|around|outside|in\s+the\s+vicinity\s+of|in\s+the\s+area\s+of|the\s+area\s+of|vicinity\s+of)\s+(.+)$/i) ?? p.match(/^(?:قرب|بالقرب من|قرابة|حول)\s+(.+)$/u)
  if (m) {
    const anchor = anchorOf(geocoder, m[1]!, options)
    if (anchor) return { anchor, lat: anchor.lat, lon: anchor.lon, precision: 2, radius_km: ADMIN_FEATURES.has(anchor.feature) ? AREA_KM[anchor.feature] ?? 20 : 5, relation: 'near' }
  }
  // a governorate or district alone ("Idlib governorate", "Hama province", "Jisr al-Shughur district")
  if (/\b(governorate|province|district|region)\b|^(محافظة|منطقة)\s/iu.test(p)) {
    const anchor = geocoder.geocode(p, { ...options, limit: 5 }).find((c) => ADMIN_FEATURES.has(c.feature))
    if (anchor) return { anchor, lat: anchor.lat, lon: anchor.lon, precision: anchor.feature === 'subdistrict' ? 2 : 3, radius_km: AREA_KM[anchor.feature] ?? 30, relation: 'admin' }
  }
  const anchor = anchorOf(geocoder, p, options)
  if (anchor && (anchor.feature === 'governorate' || anchor.feature === 'district')) {
    return { anchor, lat: anchor.lat, lon: anchor.lon, precision: 3, radius_km: AREA_KM[anchor.feature] ?? 30, relation: 'admin' }
  }
  return null
}
