/**
 * What the extractor needs from a geocoder, asked for narrowly so tests can pass a small
 * fake and the real gazetteer-backed geocoder (src/geocode) plugs in unchanged.
 */
import type { GeocodeCandidate } from '../domain/index.ts'

export interface ExtractGeocoder {
  /** ranked candidates for a name, best first; [] when nothing matches */
  geocode(query: string, options?: { admin1?: string | null; near?: { lat: number; lon: number }[]; limit?: number }): GeocodeCandidate[]
  /** gazetteer names found in free text (used for Arabic-script reports, which have no capitals to find names by) */
  recognise(text: string): { start: number; end: number; text: string; candidates: GeocodeCandidate[] }[]
}

/** "south of X", "20km to the north of Y", "outskirts of Z" read to a point, as src/geocode's interpretRelative does. */
export interface RelativeReading {
  anchor: GeocodeCandidate
  lat: number
  lon: number
  precision: 1 | 2 | 3
  relation: string
}

export type RelativeReader = (phrase: string, options?: { admin1?: string | null }) => RelativeReading | null

/** Normalises a name to the key two spellings must share (src/geocode's normaliseName). */
export type NameNormaliser = (name: string) => string

export interface PlaceServices {
  geocoder: ExtractGeocoder
  relative?: RelativeReader | undefined
  normaliseName?: NameNormaliser | undefined
}
