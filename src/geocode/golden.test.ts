/**
 * Golden tables: fixtures/in/*.tsv (variant spellings, Latin and Arabic, with the place each
 * means) → fixtures/out/*.json (the top candidate and whether it lies within 5 km of the
 * expected place). `REGEN=1` rewrites the expectations after a deliberate change.
 */
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadGeocoder, distanceKm, type Geocoder } from './index.ts'
import { evaluate, readGolden, calibration, FIXTURES, type GoldenResult } from './_golden.ts'

const rows = readGolden()
let geocoder: Geocoder
let results: GoldenResult[]

describe('golden tables', () => {
  before(() => {
    geocoder = loadGeocoder()
    results = evaluate(geocoder, rows)
  })

  it('holds at least 300 spellings across Idlib, Hama, Aleppo and Latakia, in both scripts', () => {
    assert.ok(rows.length >= 300, `${rows.length} rows`)
    for (const file of ['idlib.tsv', 'hama.tsv', 'aleppo.tsv', 'latakia.tsv']) {
      assert.ok(rows.some((r) => r.file === file && r.script === 'latin'), `${file} has Latin rows`)
      assert.ok(rows.some((r) => r.file === file && r.script === 'arabic'), `${file} has Arabic rows`)
    }
  })

  for (const file of ['idlib', 'hama', 'aleppo', 'latakia']) {
    it(`matches fixtures/out/${file}.json`, () => {
      const actual = results.filter((r) => r.file === `${file}.tsv`).map((r) => ({
        query: r.query, expected: r.id, correct: r.correct,
        top: r.top ? { id: r.top.id, name: r.top.name, lat: r.top.lat, lon: r.top.lon, score: r.top.score } : null,
      }))
      const out = join(FIXTURES, 'out', `${file}.json`)
      if (process.env.REGEN) writeFileSync(out, JSON.stringify(actual, null, 1) + '\n')
      assert.ok(existsSync(out), `missing ${out}: run with REGEN=1`)
      assert.deepEqual(actual, JSON.parse(readFileSync(out, 'utf8')))
    })
  }

  it('finds every spelling among the top five candidates', () => {
    const missing = rows.filter((r) => !geocoder.geocode(r.query, { limit: 5 }).some((c) => distanceKm(c.lat, c.lon, r.lat, r.lon) <= 5))
    assert.deepEqual(missing.map((r) => r.query), [])
  })

  it('puts the right place first for ≥ 95% of Latin and ≥ 90% of Arabic spellings, without context', () => {
    const rate = (script: string): number => {
      const rs = results.filter((r) => r.script === script)
      return rs.filter((r) => r.correct).length / rs.length
    }
    assert.ok(rate('latin') >= 0.95, `Latin ${rate('latin')}`)
    assert.ok(rate('arabic') >= 0.9, `Arabic ${rate('arabic')}`)
  })

  it('puts the right place first for every spelling once the governorate is known', () => {
    const admin1 = new Map([['idlib.tsv', 'Idlib'], ['hama.tsv', 'Hama'], ['aleppo.tsv', 'Aleppo'], ['latakia.tsv', 'Lattakia']])
    const wrong = evaluate(geocoder, rows, (r) => ({ admin1: admin1.get(r.file) ?? null })).filter((r) => !r.correct)
    assert.deepEqual(wrong.map((r) => `${r.query} → ${r.top?.name}`), [])
  })

  it('has a calibrated score: a top candidate scoring ≥ 0.8 is right ≥ 90% of the time', () => {
    const high = results.filter((r) => r.top && r.top.score >= 0.8)
    assert.ok(high.length >= rows.length / 2, `only ${high.length} confident answers`)
    assert.ok(high.filter((r) => r.correct).length / high.length >= 0.9)
    const low = calibration(results).filter((b) => b.to <= 0.7 && b.n > 0)
    const lowRight = low.reduce((a, b) => a + b.right, 0) / Math.max(1, low.reduce((a, b) => a + b.n, 0))
    assert.ok(lowRight < 0.9, 'scores below 0.7 should mean real doubt')
  })
})
