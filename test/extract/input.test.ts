import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { extract, checkBytes } from '../../src/extract/index.ts'
import { main } from '../../src/cli/main.ts'
import { IDLIB_FAKE } from './support/fake-geocoder.ts'

const opts = { published: '2019-05-08', geocoder: IDLIB_FAKE }

test('bad input: empty, huge, binary, HTML with scripts, other languages', () => {
  assert.deepEqual(extract('', opts).events, [])
  assert.deepEqual(extract('   \n\n ', opts).events, [])
  const big = 'Russian jets struck Saraqib on Monday, killing 3 civilians. '.repeat(10_000) + 'x'.repeat(9_000_000)
  const t0 = performance.now()
  const r = extract(big, opts)
  assert.ok(r.events.length >= 1)
  assert.ok(performance.now() - t0 < 60_000)
  assert.equal(checkBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]), 'x.zip').ok, false)
  const html = '<html><head><script>var killed = "Russian jets struck Hass killing 99";</script><style>p{}</style></head><body><p>Regime shelling hit Kafr Nabl on Monday, killing 2 civilians.</p></body></html>'
  const h = extract(html, opts).events
  assert.equal(h.length, 1)
  assert.deepEqual(h[0]!.killed, { min: 2, max: 2 })
  assert.equal(h[0]!.places[0]!.text, 'Kafr Nabl')
  assert.deepEqual(extract('Des avions russes ont frappé Saraqib lundi, tuant trois civils et blessant dix personnes dans la ville.', opts).events, [])
  assert.deepEqual(extract('俄罗斯飞机周一袭击了萨拉奎卜，造成三名平民死亡。', opts).events, [])
})

test('Arabic: digits, dates and place names inside English; Arabic-language reports', () => {
  const [e] = extract('Regime shelling killed ٣ civilians in Kafr Nabl (كفرنبل) on ٥ أيار ٢٠١٩.', opts).events
  assert.deepEqual(e!.killed, { min: 3, max: 3 })
  assert.equal(e!.date, '2019-05-05')
  const ar = extract('مقتل ٥ مدنيين بينهم طفلان جراء غارات جوية للطيران الروسي على مدينة سراقب يوم ٤ أيلول ٢٠١٨، وإصابة ١٢ آخرين.', { published: '2018-09-05', geocoder: IDLIB_FAKE }).events
  assert.equal(ar.length, 1)
  assert.equal(ar[0]!.date, '2018-09-04')
  assert.deepEqual(ar[0]!.killed, { min: 5, max: 5 })
  assert.deepEqual(ar[0]!.injured, { min: 12, max: 12 })
  assert.equal(ar[0]!.perpetrator, 'russia')
  assert.equal(ar[0]!.weapon, 'airstrike')
  assert.equal(ar[0]!.places[0]!.lat, 35.8611)
  const barrels = extract('قتل ثلاثة مدنيين بالبراميل المتفجرة التي ألقاها الطيران المروحي على خان شيخون أمس.', { published: '2019-05-08', geocoder: IDLIB_FAKE }).events
  assert.equal(barrels[0]!.date, '2019-05-07')
  assert.deepEqual(barrels[0]!.killed, { min: 3, max: 3 })
  assert.equal(barrels[0]!.weapon, 'barrel_bomb')
  assert.equal(barrels[0]!.perpetrator, 'syrian_government')
})

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const s = new PassThrough()
  s.end(stdin)
  const code = await main(['extract', ...args], { out: (t) => { out += t + '\n' }, err: (t) => { err += t + '\n' }, isTty: false, stdin: s })
  return { code, out, err }
}

test('harmwatch extract: contract output, one-line errors, batch goes on after a bad line', async () => {
  const ok = await cli(['-', '--published', '2019-05-08'], 'Regime shelling hit Saraqib on Monday, killing 2 civilians.')
  assert.equal(ok.code, 0)
  const parsed = JSON.parse(ok.out) as { schema: string; events: unknown[] }
  assert.equal(parsed.schema, 'harmwatch.extract/1')
  const none = await cli(['-', '--published', '2019-05-08'], 'The weather was fine.')
  assert.deepEqual(JSON.parse(none.out), { schema: 'harmwatch.extract/1', events: [] })
  const bad = await cli(['-', '--published', '2019-02-30'], 'text')
  assert.notEqual(bad.code, 0)
  assert.equal(bad.out, '')
  assert.equal(bad.err.trim().split('\n').length, 1)
  const missing = await cli(['/nonexistent/report.txt', '--published', '2019-05-08'])
  assert.notEqual(missing.code, 0)
  assert.equal(missing.out, '')
  const binary = await cli(['-'], '\u0000\u0001\u0002PK')
  assert.notEqual(binary.code, 0)
  assert.equal(binary.out, '')
  const batch = await cli(['--batch', '-'], ['{"id":"a","text":"Russian jets struck Saraqib on Monday, killing 3.","published":"2019-05-08"}', '{broken', '{"id":"c","text":"","published":null}'].join('\n'))
  const lines = batch.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; error?: string; events?: unknown[] })
  assert.deepEqual(lines.map((l) => l.id), ['a', 'line 2', 'c'])
  assert.ok(lines[1]!.error)
  assert.equal(lines[0]!.events!.length, 1)
  assert.deepEqual(lines[2]!.events, [])
})
