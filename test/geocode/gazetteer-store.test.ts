/**
 * Imported places in the store (per backend), and the `geocode` / `gazetteer` commands in-process.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { sql } from 'kysely'
import { backends } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import { GazetteerPlace, loadGeocoderFromStore, loadStoredPlaces, savePlaces } from '../../src/geocode/index.ts'
import { command as geocodeCommand } from '../../src/cli/commands/geocode.ts'
import { command as gazetteerCommand } from '../../src/cli/commands/gazetteer.ts'
import type { Io } from '../../src/cli/command.ts'
import type { Config } from '../../src/config.ts'

const place = (id: string, name: string, lat: number, lon: number, extra: Partial<GazetteerPlace> = {}): GazetteerPlace =>
  GazetteerPlace.parse({ id, name, lat, lon, feature: 'community', source: 'test', ...extra })

for (const backend of await backends()) {
  describe(`imported places on ${backend.name}`, () => {
    let store: Store
    before(async () => { store = await backend.open() })
    after(async () => { await backend.dispose(store) })

    it('saves places as PostGIS points and reads them back, upserting by id', async () => {
      await savePlaces(store.db, [
        place('t:1', 'Qaryat Zzyzx', 35.5, 36.5, { name_ar: 'قرية زيزكس', alt_names: ['Zizix'], admin1: 'Idlib' }),
        place('t:2', 'Tall Qqumra', 36.1, 37.1, { population: 1200 }),
      ])
      await savePlaces(store.db, [place('t:2', 'Tall Qqumra', 36.2, 37.2, { population: 1300 })])
      const rows = await loadStoredPlaces(store.db)
      assert.deepEqual(rows.map((r) => [r.id, r.lat, r.population]), [['t:1', 35.5, null], ['t:2', 36.2, 1300]])
      const geo = await sql<{ x: number; y: number }>`select ST_X(geom) as x, ST_Y(geom) as y from places where id = 't:2'`.execute(store.db)
      assert.deepEqual(geo.rows[0], { x: 37.2, y: 36.2 })
    })

    it('joins the bundled index through loadGeocoderFromStore', async () => {
      const g = await loadGeocoderFromStore(store)
      assert.equal(g.geocode('Zizix')[0]?.id, 't:1')
      assert.equal(g.geocode('زيزكس')[0]?.id, 't:1')
      assert.equal(g.geocode('Khan Sheikhoun')[0]?.id, 'C3987', 'bundled places are still there')
      assert.ok(g.recognise('Shelling hit Qaryat Zzyzx at dawn').some((m) => m.candidates[0]?.id === 't:1'))
    })
  })
}

function captureIo(stdin = ''): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  const input = new PassThrough()
  input.end(stdin)
  return { stdout, stderr, out: (t) => { stdout.push(t) }, err: (t) => { stderr.push(t) }, isTty: false, stdin: input }
}

describe('harmwatch geocode / gazetteer commands', () => {
  let dir: string
  let config: Config
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hw-geocode-'))
    config = { home: join(dir, 'ws'), databaseUrl: undefined, databaseSchema: undefined }
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('prints the contract JSON for one query', async () => {
    const io = captureIo()
    assert.equal(await geocodeCommand.run(['Jisr Al Shougur', '--admin1', 'Idlib', '--limit', '2'], { config, io }), 0)
    const out = JSON.parse(io.stdout.join('\n')) as { schema: string; query: string; candidates: Record<string, unknown>[] }
    assert.equal(out.schema, 'harmwatch.geocode/1')
    assert.equal(out.query, 'Jisr Al Shougur')
    assert.equal(out.candidates.length, 2)
    assert.deepEqual(Object.keys(out.candidates[0]!).slice(0, 8), ['id', 'name', 'lat', 'lon', 'admin1', 'admin2', 'feature', 'score'])
    assert.equal(out.candidates[0]!.id, 'C4199')
  })

  it('prints "candidates": [] when nothing matches, and a text table on request', async () => {
    const io = captureIo()
    assert.equal(await geocodeCommand.run(['!!!'], { config, io }), 0)
    assert.deepEqual(JSON.parse(io.stdout[0]!).candidates, [])
    const t = captureIo()
    await geocodeCommand.run(['اللطامنة', '--format', 'text'], { config, io: t })
    assert.match(t.stdout[0]!, /C3458\s+Latmana\s+اللطامنة/)
  })

  it('rejects bad flags as usage errors', async () => {
    await assert.rejects(geocodeCommand.run(['x', '--limit', '0'], { config, io: captureIo() }), /limit/)
    await assert.rejects(geocodeCommand.run([], { config, io: captureIo() }), /QUERY/)
    await assert.rejects(geocodeCommand.run(['x', '--format', 'xml'], { config, io: captureIo() }), /format/)
  })

  it('answers a batch in input order, one line each, bad lines as errors', async () => {
    const lines = ['{"query":"Kafr Nabl","admin1":"Idlib"}', 'not json', '{"query":5}', '', '{"query":"سراقب","admin1":null,"id":"r7"}']
    const file = join(dir, 'q.jsonl')
    writeFileSync(file, lines.join('\n'))
    const io = captureIo()
    assert.equal(await geocodeCommand.run(['--batch', file, '--limit', '1'], { config, io }), 1)
    const out = io.stdout.join('\n').split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    assert.equal(out.length, 4)
    assert.equal((out[0]!.candidates as { id: string }[])[0]!.id, 'C4068')
    assert.match(String(out[1]!.error), /not valid JSON/)
    assert.equal(out[2]!.query, 5)
    assert.ok(out[2]!.error)
    assert.equal(out[3]!.id, 'r7')
    assert.equal((out[3]!.candidates as { id: string }[])[0]!.id, 'C3916')
    const stdin = captureIo('{"query":"Hass"}\n')
    assert.equal(await geocodeCommand.run(['--batch', '-'], { config, io: stdin }), 0)
    assert.equal(JSON.parse(stdin.stdout[0]!).candidates[0].id, 'C4058')
  })

  it('imports a CSV into the workspace, reporting bad rows by line, and geocode finds the new place', async () => {
    const file = join(dir, 'survey.csv')
    writeFileSync(file, 'village,y,x,ar\nQqurnat Zzarqa,35.7,36.6,قرنة الزرقا\nBroken,abc,36.6,\n')
    const io = captureIo()
    const code = await gazetteerCommand.run(['import', '--format', 'csv', file, '--map', 'name=village,lat=y,lon=x,name_ar=ar'], { config, io })
    assert.equal(code, 1)
    assert.match(io.stdout[0]!, /Imported 1 places/)
    assert.match(io.stderr[0]!, /survey\.csv:3: "Broken"/)
    const q = captureIo()
    await geocodeCommand.run(['Qqurnat Zzarqa', '--limit', '1'], { config, io: q })
    const c = JSON.parse(q.stdout[0]!).candidates[0]
    assert.equal(c.name, 'Qqurnat Zzarqa')
    assert.equal(c.admin1, 'Idlib', 'admin names filled from the nearest known place')
    await assert.rejects(gazetteerCommand.run(['import', '--format', 'kml', file], { config, io: captureIo() }), /format/)
    await assert.rejects(gazetteerCommand.run(['import', '--format', 'csv', file, '--map', 'name'], { config, io: captureIo() }), /FIELD=COLUMN/)
    await assert.rejects(gazetteerCommand.run(['import', '--format', 'geonames', join(dir, 'missing.txt')], { config, io: captureIo() }), /no such file/)
  })
})
