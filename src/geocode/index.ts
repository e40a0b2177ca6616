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
import type { Store } from '../store/index.ts'
import type { GazetteerPlace } from './gazetteer-place.ts'
import { createGeocoder, type Geocoder } from './geocoder.ts'
import { loadBundledPlaces } from './gazetteer.ts'
import { loadStoredPlaces } from './place-store.ts'

export type { GeocodeCandidate, GeocodeResult } from '../domain/event.ts'
export { GEOCODE_SCHEMA } from '../domain/event.ts'
export type { Geocoder, GeocodeOptions, PlaceMention } from './geocoder.ts'
export { createGeocoder } from './geocoder.ts'
export { GazetteerPlace, ADMIN_FEATURES } from './gazetteer-place.ts'
export { interpretRelative, type RelativePlace } from './interpret-relative.ts'
export { normaliseName, normaliseArabic, nameKeys, foldText, type NameKeys } from './normalise-name.ts'
export { loadBundledPlaces, BUNDLED_GAZETTEER } from './gazetteer.ts'
export { savePlaces, loadStoredPlaces } from './place-store.ts'
export { parsePlaces, type ImportFormat, type ImportReport, type RowError } from './import-places.ts'
export { distanceKm, destination } from './geo.ts'

/** Loads the bundled gazetteer (data/), plus extra places (e.g. imported ones). */
export function loadGeocoder(options: { extra?: GazetteerPlace[] } = {}): Geocoder {
  const bundled = loadBundledPlaces()
  return createGeocoder(options.extra?.length ? [...bundled, ...options.extra] : bundled)
}

/** The bundled gazetteer plus the places imported into the store's `places` table. */
export async function loadGeocoderFromStore(store: Store): Promise<Geocoder> {
  return loadGeocoder({ extra: await loadStoredPlaces(store.db) })
}
