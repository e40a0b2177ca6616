/**
 * Place names for display: the bundled gazetteer (read once) and places a monitor imported
 * into the store, looked up by gazetteer id, so the UI can put the Arabic name beside the
 * English one and label towns on the offline basemap.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../store/index.ts'
import { ADMIN_FEATURES, loadBundledPlaces, type GazetteerPlace } from '../geocode/index.ts'

export interface PlaceLabel { id: string; name: string; name_ar: string | null; lat: number; lon: number; population: number | null }

let bundled: Map<string, GazetteerPlace> | undefined
function bundledIndex(): Map<string, GazetteerPlace> {
  if (!bundled) {
    try {
      bundled = new Map(loadBundledPlaces().map((p) => [p.id, p]))
    } catch (e) {
      // Labels are decoration: without the bundle the API still answers, with English names only.
      console.error(`[api] gazetteer not loaded: ${(e as Error).message}`)
      bundled = new Map()
    }
  }
  return bundled
}

const label = (p: { id: string; name: string; name_ar: string | null; lat: number; lon: number; population: number | null }): PlaceLabel =>
  ({ id: p.id, name: p.name, name_ar: p.name_ar, lat: p.lat, lon: p.lon, population: p.population })

/** Labels of the given gazetteer ids (bundled first, then imported); unknown ids are left out. */
export async function placeLabels(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, PlaceLabel>> {
  const out = new Map<string, PlaceLabel>()
  const index = bundledIndex()
  const missing: string[] = []
  for (const id of new Set(ids)) {
    const p = index.get(id)
    if (p) out.set(id, label(p))
    else missing.push(id)
  }
  if (missing.length) {
    const rows = await db.selectFrom('places').select(['id', 'name', 'name_ar', 'lat', 'lon', 'population']).where('id', 'in', missing).execute()
    for (const r of rows) out.set(r.id, label(r))
  }
  return out
}

/** The most populous towns (not admin units) for basemap labels. */
export function majorTowns(limit = 150, minPopulation = 20_000): PlaceLabel[] {
  return [...bundledIndex().values()]
    .filter((p) => !ADMIN_FEATURES.has(p.feature) && (p.population ?? 0) >= minPopulation)
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
    .slice(0, limit)
    .map(label)
}
