/**
 * Geocoding: every spelling of a place, in Latin and Arabic script. Loads the bundled
 * gazetteer (data/gazetteer.json.gz: OCHA communities, Open-Syria admin units and crossings,
 * GeoNames towns) plus places a monitor imported into the store (`harmwatch gazetteer import`),
 * and answers three questions: which places a name may mean (`geocode`, ranked and scored),
 * which places a report names (`recognise`, offsets into the text), and where a relative
 * phrase points ("20km north of Hass", "Idlib countryside": `interpretRelative`).
 *
 * @example
 * const g = loadGeocoder()
 * g.geocode('Al-Lataminah', { admin1: 'Hama' })[0] // { id: 'C3458', name: 'Latmana', lat: 35.32, … }
 * g.recognise('Strikes hit Kafr Nabl and خان شيخون') // two mentions with candidates
 */
import type { Kysely } from 'kysely'
import type { StoreBackend as Store } from '../store/backends/backend.ts'
import type { Database } from '../store/database.ts'
import type { GazetteerPlace } from './gazetteer-place.ts'
import { createGeocoder, type Geocoder } from './geocoder.ts'
import { loadBundledPlaces } from './gazetteer.ts'

export type { GeocodeCandidate, GeocodeResult } from '../domain/event.ts'
export { GEOCODE_SCHEMA } from '../domain/event.ts'
export type { Geocoder, GeocodeOptions, PlaceMention } from './geocoder.ts'
export { createGeocoder } from './geocoder.ts'
export { GazetteerPlace, ADMIN_FEATURES } from './gazetteer-place.ts'
export { interpretRelative, type RelativePlace } from './interpret-relative.ts'
export { normaliseName, normaliseArabic, nameKeys, foldText, type NameKeys } from './normalise-name.ts'
export { loadBundledPlaces, BUNDLED_GAZETTEER } from './gazetteer.ts'

// The store side (Kysely) is loaded on first use: a process that only matches names
// (extraction, batch geocoding) saves ~30 MB of resident memory without it.

/** Inserts or replaces places in the store's `places` table; returns how many were written. */
export async function savePlaces(db: Kysely<Database>, places: readonly GazetteerPlace[]): Promise<number> {
  return (await import('./place-store.ts')).savePlaces(db, places)
}

/** Every place imported into the store. */
export async function loadStoredPlaces(db: Kysely<Database>): Promise<GazetteerPlace[]> {
  return (await import('./place-store.ts')).loadStoredPlaces(db)
}
export { parsePlaces, type ImportFormat, type ImportReport, type RowError } from './import-places.ts'
export { distanceKm, destination } from './geo.ts'

let bundledGeocoder: Geocoder | undefined

/** Loads the bundled gazetteer (data/), plus extra places (e.g. imported ones). The bundled-only geocoder is built once per process. */
export function loadGeocoder(options: { extra?: GazetteerPlace[] } = {}): Geocoder {
  const bundled = loadBundledPlaces()
  if (options.extra?.length) return createGeocoder([...bundled, ...options.extra])
  bundledGeocoder ??= createGeocoder(bundled)
  return bundledGeocoder
}

/** The bundled gazetteer plus the places imported into the store's `places` table. */
export async function loadGeocoderFromStore(store: Store): Promise<Geocoder> {
  return loadGeocoder({ extra: await loadStoredPlaces(store.db) })
}
