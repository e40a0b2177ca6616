/**
 * The bundled gazetteer: `data/gazetteer.json.gz`, built by `npm run build:gazetteer` and
 * committed, so the product works offline and without the reference data folder.
 */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { z } from 'zod'
import type { GazetteerPlace } from './gazetteer-place.ts'

export const BUNDLED_GAZETTEER = new URL('../../data/gazetteer.json.gz', import.meta.url)

const Bundle = z.object({
  schema: z.literal('harmwatch.gazetteer/1'),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
})

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

let cache: GazetteerPlace[] | undefined

/** The bundled places (read once per process). Throws if the file is missing or malformed: a broken install. */
export function loadBundledPlaces(file: URL | string = BUNDLED_GAZETTEER): GazetteerPlace[] {
  if (cache && file === BUNDLED_GAZETTEER) return cache
  const bundle = Bundle.parse(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')))
  const at = (name: string): number => {
    const i = bundle.columns.indexOf(name)
    if (i < 0) throw new Error(`Cannot load gazetteer "${String(file)}": column "${name}" missing`)
    return i
  }
  const c = {
    id: at('id'), name: at('name'), name_ar: at('name_ar'), alt: at('alt_names'), lat: at('lat'), lon: at('lon'),
    a1: at('admin1'), a2: at('admin2'), a3: at('admin3'), pcode: at('pcode'), feature: at('feature'), source: at('source'), pop: at('population'),
  }
  // Rows are trusted (built by our script) but shaped defensively: a corrupt row is skipped.
  const places: GazetteerPlace[] = []
  for (const r of bundle.rows) {
    const id = str(r[c.id]), name = str(r[c.name]), lat = r[c.lat], lon = r[c.lon]
    if (!id || !name || typeof lat !== 'number' || typeof lon !== 'number') continue
    const alt = r[c.alt]
    const pop = r[c.pop]
    places.push({
      id, name, name_ar: str(r[c.name_ar]), alt_names: Array.isArray(alt) ? alt.filter((a): a is string => typeof a === 'string') : [],
      lat, lon, admin1: str(r[c.a1]), admin2: str(r[c.a2]), admin3: str(r[c.a3]), pcode: str(r[c.pcode]),
      feature: str(r[c.feature]) ?? 'place', source: str(r[c.source]) ?? 'bundled', population: typeof pop === 'number' ? pop : null,
    })
  }
  if (file === BUNDLED_GAZETTEER) cache = places
  return places
}
