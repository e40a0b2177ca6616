/**
 * The golden tables (fixtures/in/*.tsv): variant spellings, Latin and Arabic, each with the
 * gazetteer place it means. Shared by the golden test and `npm run eval:geocode`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GeocodeCandidate } from '../domain/event.ts'
import { distanceKm } from './geo.ts'
import type { Geocoder, GeocodeOptions } from './geocoder.ts'

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))

export interface GoldenRow { file: string; line: number; query: string; script: 'latin' | 'arabic'; id: string; lat: number; lon: number; name: string }
export interface GoldenResult extends GoldenRow { top: GeocodeCandidate | null; km: number | null; correct: boolean }

export function readGolden(dir = join(FIXTURES, 'in')): GoldenRow[] {
  const rows: GoldenRow[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort()) {
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((raw, i) => {
      if (!raw.trim() || raw.startsWith('#')) return
      const [query, script, id, lat, lon, name] = raw.split('\t')
      if (!query || (script !== 'latin' && script !== 'arabic') || !id) throw new Error(`Cannot read golden row ${file}:${i + 1}: expected query, script, id, lat, lon`)
      rows.push({ file, line: i + 1, query, script, id, lat: Number(lat), lon: Number(lon), name: name ?? '' })
    })
  }
  return rows
}

/** Top-1 is right when it lies within 5 km of the expected place (the same ground in another layer counts). */
export function evaluate(geocoder: Geocoder, rows: readonly GoldenRow[], options: (row: GoldenRow) => GeocodeOptions = () => ({})): GoldenResult[] {
  return rows.map((row) => {
    const top = geocoder.geocode(row.query, { ...options(row), limit: 1 })[0] ?? null
    const km = top ? distanceKm(row.lat, row.lon, top.lat, top.lon) : null
    return { ...row, top, km, correct: km !== null && km <= 5 }
  })
}

export interface CalibrationBucket { from: number; to: number; n: number; right: number; precision: number | null }

export function calibration(results: readonly GoldenResult[], edges = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]): CalibrationBucket[] {
  const out: CalibrationBucket[] = []
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i]!, to = edges[i + 1]!
    const inB = results.filter((r) => r.top && r.top.score >= from && r.top.score < to)
    const right = inB.filter((r) => r.correct).length
    out.push({ from, to: Math.min(1, to), n: inB.length, right, precision: inB.length ? right / inB.length : null })
  }
  return out
}
