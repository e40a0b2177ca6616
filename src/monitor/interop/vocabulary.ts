/**
 * Translating between Harmwatch's closed vocabularies (perpetrator, weapon, target,
 * precision) and the words other datasets use: ACLED actor names and sub-event types,
 * UCDP side names and precision codes, Airwars belligerents, strike types and grades.
 * The mapping tables are documented in docs/interop.md; keep the two in step.
 */
import type { Perpetrator, Precision, Target, Weapon } from '../../domain/index.ts'

// Order matters: the first pattern that matches names the actor.
const ACTOR_PATTERNS: readonly (readonly [RegExp, Perpetrator])[] = [
  [/russia/i, 'russia'],
  [/military forces of syria|government of syria|syrian (arab )?(army|government|regime|military|air force)|assad|\bregime\b|\bSAA\b/i, 'syrian_government'],
  [/coalition|united states|\bU\.S\.|\bUSA\b|inherent resolve|\bCJTF\b/i, 'us_coalition'],
  [/turk/i, 'turkey'],
  [/israel/i, 'israel'],
  [/hay.?at tahrir|\bHTS\b|nusra|fatah al.?sham/i, 'hts'],
  [/islamic state|\bISIS\b|\bISIL\b|daesh/i, 'isis'],
  [/\bIS\b/, 'isis'],
  [/\bSDF\b|\bYPG\b|\bQSD\b|syrian democratic forces|kurdish/i, 'sdf_ypg'],
  [/opposition|rebel|insurgent|free syrian army|\bFSA\b|national (front for )?liberation|jaysh|jaish|ahrar|faylaq|syrian national army/i, 'opposition'],
]

/** The perpetrators named in a free-text actor field, in order of appearance in the table. */
export function actorsIn(text: string): Perpetrator[] {
  const found: Perpetrator[] = []
  for (const [re, p] of ACTOR_PATTERNS) if (re.test(text) && !found.includes(p)) found.push(p)
  return found
}

/**
 * One perpetrator from actor fields. Russia together with the Syrian government (joint or
 * undistinguished attribution) is `russia_or_syrian_government`; any other pair of
 * different belligerents (a contested attribution) is `unknown`.
 */
export function perpetratorFrom(...fields: string[]): Perpetrator {
  const text = fields.filter(Boolean).join(' | ')
  if (/unidentified|unknown/i.test(fields[0] ?? '') && actorsIn(fields[0] ?? '').length === 0) return 'unknown'
  const found = actorsIn(text)
  if (found.length === 0) return 'unknown'
  if (found.length === 1) return found[0]!
  const set = new Set(found)
  if (set.size === 2 && set.has('russia') && set.has('syrian_government')) return 'russia_or_syrian_government'
  // A primary actor with others only associated with it: the primary one.
  const primary = actorsIn(fields[0] ?? '')
  if (primary.length === 1 && fields.length > 1) return primary[0]!
  return 'unknown'
}

export interface AcledActor { actor: string; assoc: string; inter: string }

export const ACLED_ACTORS: Record<Perpetrator, AcledActor> = {
  russia: { actor: 'Military Forces of Russia (2000-)', assoc: '', inter: 'External/Other forces' },
  syrian_government: { actor: 'Military Forces of Syria (2000-)', assoc: '', inter: 'State forces' },
  russia_or_syrian_government: { actor: 'Military Forces of Syria (2000-)', assoc: 'Military Forces of Russia (2000-)', inter: 'State forces' },
  us_coalition: { actor: 'Global Coalition Against Daesh', assoc: '', inter: 'External/Other forces' },
  turkey: { actor: 'Military Forces of Turkey (2016-)', assoc: '', inter: 'External/Other forces' },
  israel: { actor: 'Military Forces of Israel', assoc: '', inter: 'External/Other forces' },
  opposition: { actor: 'Opposition Rebels', assoc: '', inter: 'Rebel group' },
  hts: { actor: 'Hayat Tahrir al Sham', assoc: '', inter: 'Rebel group' },
  isis: { actor: 'Islamic State', assoc: '', inter: 'Rebel group' },
  sdf_ypg: { actor: 'QSD: Syrian Democratic Forces', assoc: '', inter: 'Rebel group' },
  unknown: { actor: 'Unidentified Armed Group', assoc: '', inter: 'Political militia' },
}

/** UCDP GED side names (side_a). */
export const UCDP_SIDES: Record<Perpetrator, string> = {
  russia: 'Government of Russia (Soviet Union)',
  syrian_government: 'Government of Syria',
  russia_or_syrian_government: 'Government of Syria, Government of Russia (Soviet Union)',
  us_coalition: 'Government of United States of America',
  turkey: 'Government of Turkey',
  israel: 'Government of Israel',
  opposition: 'Syrian insurgents',
  hts: 'HTS',
  isis: 'IS',
  sdf_ypg: 'SDF',
  unknown: 'Unknown',
}

/** ACLED event type and sub-event type for a weapon (when the incident carries none). */
export function acledTypesFor(weapon: Weapon | null): { event_type: string; sub_event_type: string } {
  switch (weapon) {
    case 'airstrike': case 'drone': case 'barrel_bomb': case 'cluster_munition':
      return { event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike' }
    case 'shelling_artillery': case 'rocket_missile':
      return { event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack' }
    case 'chemical':
      return { event_type: 'Explosions/Remote violence', sub_event_type: 'Chemical weapon' }
    case 'ied_car_bomb':
      return { event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED' }
    case 'small_arms':
      return { event_type: 'Violence against civilians', sub_event_type: 'Attack' }
    default:
      return { event_type: 'Explosions/Remote violence', sub_event_type: '' }
  }
}

// Specific munitions before general strike types: "barrel bombs dropped in an airstrike" is a barrel bomb.
const WEAPON_WORDS: readonly (readonly [RegExp, Weapon])[] = [
  [/barrel/i, 'barrel_bomb'],
  [/cluster/i, 'cluster_munition'],
  [/chemical|chlorine|sarin|toxic gas/i, 'chemical'],
  [/(?<!air\/)drone|\bUAV\b/i, 'drone'],
  [/\bIED\b|car bomb|vbied|suicide bomb|landmine|remote explosive/i, 'ied_car_bomb'],
  [/missile|rocket|grad\b/i, 'rocket_missile'],
  [/shell|artillery|mortar/i, 'shelling_artillery'],
  [/air ?strike|air raid|warplane|aerial|bombard(ed|ment) by (jets|aircraft)|air\/drone/i, 'airstrike'],
  [/gunfire|gunmen|\bshot\b|shooting|small arms|sniper/i, 'small_arms'],
]

/** Every weapon named in the texts, most specific first. */
export function weaponsIn(...texts: string[]): Weapon[] {
  const text = texts.filter(Boolean).join(' | ')
  const out: Weapon[] = []
  for (const [re, w] of WEAPON_WORDS) if (re.test(text) && !out.includes(w)) out.push(w)
  return out
}

const ACLED_SUB_EVENT_WEAPON: Record<string, Weapon> = {
  'air/drone strike': 'airstrike',
  'shelling/artillery/missile attack': 'shelling_artillery',
  'remote explosive/landmine/ied': 'ied_car_bomb',
  'suicide bomb': 'ied_car_bomb',
  'chemical weapon': 'chemical',
  attack: 'small_arms',
  'armed clash': 'small_arms',
}

/**
 * Weapons of an ACLED row: munitions named in the notes (barrel bombs, cluster munitions,
 * chemicals, drones, missiles) first, then the one the sub-event type implies.
 */
export function weaponsFromAcled(subEventType: string, notes: string): Weapon[] {
  const specific = weaponsIn(notes).filter((w) => ['barrel_bomb', 'cluster_munition', 'chemical', 'drone', 'rocket_missile'].includes(w))
  const base = ACLED_SUB_EVENT_WEAPON[subEventType.trim().toLowerCase()]
  return [...new Set([...specific, ...(base ? [base] : [])])]
}

/** Words that name a weapon in free text (so the importer's `weaponsIn` reads it back). */
export const WEAPON_TEXT: Record<Weapon, string> = {
  airstrike: 'airstrike', barrel_bomb: 'barrel bomb', cluster_munition: 'cluster munition', shelling_artillery: 'artillery shelling',
  rocket_missile: 'missile', drone: 'drone strike', chemical: 'chemical weapon', ied_car_bomb: 'IED', small_arms: 'gunfire', unknown: 'unknown weapon',
}

const TARGET_WORDS: readonly (readonly [RegExp, Target])[] = [
  [/hospital|clinic|medical|health ?care|ambulance/i, 'hospital_medical'],
  [/school|education|kindergarten|universit/i, 'school'],
  [/civil defen[cs]e|white helmets/i, 'civil_defence'],
  [/market|souq|shop/i, 'market'],
  [/bakery|bread/i, 'bakery'],
  [/mosque|church|religious/i, 'mosque'],
  [/\bcamps?\b|displaced|\bIDP/i, 'idp_camp'],
  [/\b(car|vehicle|bus|road|convoy)s?\b/i, 'road_vehicle'],
  [/water|power|electric|infrastructure|bridge|station/i, 'infrastructure'],
  [/\b(house|home|residential|neighbou?rhood|building)s?\b/i, 'residential'],
]

export function targetsIn(...texts: string[]): Target[] {
  const text = texts.filter(Boolean).join(' | ')
  const out: Target[] = []
  for (const [re, t] of TARGET_WORDS) if (re.test(text) && !out.includes(t)) out.push(t)
  return out
}

/** UCDP where_prec -> our precision: 1 exact, 2 within 25 km, 3..7 admin unit or coarser. */
export function precisionFromUcdp(code: number): Precision {
  return code <= 1 ? 1 : code === 2 ? 2 : 3
}
/** Our precision -> UCDP where_prec: an admin centroid is 3 (district) with an admin2, else 4 (governorate). */
export function precisionToUcdp(p: Precision, hasAdmin2: boolean): number {
  return p === 1 ? 1 : p === 2 ? 2 : hasAdmin2 ? 3 : 4
}

/** Airwars geolocation_precision words -> our precision. */
export function precisionFromAirwars(word: string, hasCoordinates: boolean): Precision {
  const w = word.trim().toLowerCase()
  if (['exact_location', 'within_100m', 'street', 'neighbourhood_area', 'neighborhood_area', 'village', 'town'].includes(w)) return 1
  if (['city', 'nearby_landmark', 'within_1km', 'within_5km', 'within_10km'].includes(w)) return 2
  if (['district', 'subdistrict', 'governorate', 'province', 'country'].includes(w)) return 3
  return hasCoordinates ? 2 : 3
}

/** Airwars infrastructure categories -> target kinds. */
export function targetsFromAirwars(infrastructure: string): Target[] {
  return targetsIn(infrastructure.replace(/education/i, 'school').replace(/healthcare/i, 'hospital').replace(/religious/i, 'mosque'))
}
