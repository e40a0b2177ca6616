/**
 * Golden fixtures: whole reports in our own words (fixtures/in) and the extractor's full
 * output (fixtures/out), with the small fake geocoder so that gazetteer updates do not move
 * them. After a deliberate change, regenerate with REGEN=1 and review the diff.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { extract } from '../../src/extract/index.ts'
import { ExtractResult } from '../../src/domain/index.ts'
import { IDLIB_FAKE } from './support/fake-geocoder.ts'

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
const PUBLISHED: Record<string, string> = { 'multi-event-wire': '2018-09-11', 'agreement-and-protest': '2018-10-12', 'arabic-report': '2018-09-04' }

for (const file of readdirSync(`${dir}in`).filter((f) => f.endsWith('.txt')).sort()) {
  const name = file.replace(/\.txt$/, '')
  test(`golden: ${name}`, () => {
    const text = readFileSync(`${dir}in/${file}`, 'utf8')
    const result = extract(text, { published: PUBLISHED[name] ?? null, geocoder: IDLIB_FAKE })
    ExtractResult.parse(result)
    for (const e of result.events) for (const span of e.evidence) assert.ok(span.start < span.end && span.end <= text.length, `${name}: evidence ${span.field} out of the text`)
    const out = `${dir}out/${name}.json`
    if (process.env.REGEN) writeFileSync(out, JSON.stringify(result, null, 2) + '\n')
    assert.deepEqual(result, JSON.parse(readFileSync(out, 'utf8')))
  })
}
