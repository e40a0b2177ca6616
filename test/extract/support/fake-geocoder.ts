/** A tiny in-memory geocoder for unit tests: exact names (articles and apostrophes folded). */
import type { GeocodeCandidate } from '../../../src/domain/index.ts'
import type { ExtractGeocoder } from '../../../src/extract/index.ts'

const fold = (s: string): string => s.toLowerCase().replace(/\b(?:al|el)[-\s]/g, '').replace(/['’`-]/g, '').replace(/\s+/g, ' ').trim()

export function fakeGeocoder(rows: [name: string, lat: number, lon: number, admin1: string, feature?: string][]): ExtractGeocoder {
  const cands: GeocodeCandidate[] = rows.map(([name, lat, lon, admin1, feature], i) => ({ id: `T${i}`, name, lat, lon, admin1, admin2: null, feature: feature ?? 'community', score: 0.9 }))
  return {
    geocode(query) {
      const q = fold(query)
      return cands.filter((c) => fold(c.name) === q)
    },
    recognise(text) {
      const out: { start: number; end: number; text: string; candidates: GeocodeCandidate[] }[] = []
      for (const c of cands) {
        const i = text.indexOf(c.name)
        if (i >= 0) out.push({ start: i, end: i + c.name.length, text: c.name, candidates: [c] })
      }
      return out.sort((a, b) => a.start - b.start)
    },
  }
}

export const IDLIB_FAKE = fakeGeocoder([
  ['Kafr Nabl', 35.6147, 36.5603, 'Idlib'],
  ['Saraqib', 35.8611, 36.8061, 'Idlib'],
  ['Hass', 35.6191, 36.5954, 'Idlib'],
  ['Jisr al-Shughur', 35.8142, 36.315, 'Idlib'],
  ['Mhambel', 35.7841, 36.4689, 'Idlib'],
  ['Khan Sheikhoun', 35.4437, 36.6504, 'Idlib'],
  ['Ariha', 35.8142, 36.6103, 'Idlib'],
  ['Idlib', 35.7667, 36.6667, 'Idlib', 'governorate'],
  ['Hama', 35.2, 36.7, 'Hama', 'governorate'],
  ['Kafr Zita', 35.3745, 36.6003, 'Hama'],
  ['Latamnah', 35.3208, 36.6232, 'Hama'],
  ['خان شيخون', 35.4437, 36.6504, 'Idlib'],
  ['كفرنبل', 35.6147, 36.5603, 'Idlib'],
  ['سراقب', 35.8611, 36.8061, 'Idlib'],
])
