import { test } from 'node:test'
import assert from 'node:assert/strict'
import { extract, readDates, readCasualties, tokenize } from '../../src/extract/index.ts'
import { ExtractResult, ExtractedEvent } from '../../src/domain/index.ts'
import { IDLIB_FAKE } from './support/fake-geocoder.ts'

const run = (text: string, published = '2019-05-08') => {
  const r = extract(text, { published, geocoder: IDLIB_FAKE })
  ExtractResult.parse(r)
  return r.events
}
const iso = (text: string, published: string | null = '2018-10-15') => readDates(text, published).map((d) => [d.kind, d.day === null ? null : new Date(d.day * 86400000).toISOString().slice(0, 10), d.dayEnd === null ? null : new Date(d.dayEnd * 86400000).toISOString().slice(0, 10)])
const cas = (text: string) => readCasualties(text, tokenize(text, 0, text.length)).map((g) => ({ kind: g.kind, count: g.count, children: g.children }))

test('dates: absolute, ranges, weekdays, relative and deadlines', () => {
  assert.deepEqual(iso('Beginning on 4 September 2018, attacks'), [['day', '2018-09-04', null]])
  assert.deepEqual(iso('between 7 and 10 September'), [['range', '2018-09-07', '2018-09-10']])
  assert.deepEqual(iso('On Monday 17 September, leaders met'), [['day', '2018-09-17', null]])
  assert.deepEqual(iso('strikes yesterday'), [['day', '2018-10-14', null]])
  // 2018-10-15 is a Monday: "on Saturday" is two days before
  assert.deepEqual(iso('struck on Saturday'), [['day', '2018-10-13', null]])
  assert.deepEqual(iso('withdrawn by 10 October and restored by year\'s end'), [['deadline', '2018-10-10', null], ['deadline', '2018-12-31', null]])
  assert.deepEqual(iso('The same day'), [['back', null, null]])
  // a day-month after publication belongs to the year before
  assert.deepEqual(iso('on 28 December', '2019-01-03'), [['day', '2018-12-28', null]])
  assert.deepEqual(iso('٤ أيلول ٢٠١٨'.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))), [['day', '2018-09-04', null]])
})

test('casualties: number words, families, "as were", ranges', () => {
  assert.deepEqual(cas('at least five children from one family were killed'), [{ kind: 'killed', count: { min: 5, max: null }, children: { min: 5, max: null } }])
  assert.deepEqual(cas('killing a woman and her husband'), [{ kind: 'killed', count: { min: 2, max: 2 }, children: null }])
  assert.deepEqual(cas('killing 14 civilians and injuring 35 more'), [{ kind: 'killed', count: { min: 14, max: 14 }, children: null }, { kind: 'injured', count: { min: 35, max: 35 }, children: null }])
  assert.deepEqual(cas('Four civilians, including two children, were killed'), [{ kind: 'killed', count: { min: 4, max: 4 }, children: { min: 2, max: 2 } }])
  assert.deepEqual(cas('the death toll rose to 29'), [{ kind: 'killed', count: { min: 29, max: 29 }, children: null }])
  assert.deepEqual(cas('more than 20 people were wounded'), [{ kind: 'injured', count: { min: 21, max: null }, children: null }])
  const named = readCasualties('a woman, Mrs Lama al Saeed, and her daughter Walaa al Taha, were killed', tokenize('a woman, Mrs Lama al Saeed, and her daughter Walaa al Taha, were killed', 0, 71))
  assert.equal(named[0]!.count.min, 2)
  assert.deepEqual(named[0]!.names.map((n) => n.name), ['Lama al Saeed', 'Walaa al Taha'])
  // background statistics are not casualties
  assert.deepEqual(cas('no less than 118,829 individuals are still under arrest'), [])
})

test('perpetrators: Russian, regime, helicopters, hedged and joint attributions', () => {
  const p = (t: string) => run(t)[0]?.perpetrator
  assert.equal(p('Russian warplanes struck Saraqib on Monday, killing 3 civilians.'), 'russia')
  assert.equal(p('Regime forces shelled Kafr Nabl on Monday, killing 2 civilians.'), 'syrian_government')
  assert.equal(p('A helicopter dropped barrel bombs on Hass on Monday, killing a man.'), 'syrian_government')
  assert.equal(p('Warplanes believed to be Russian struck Saraqib on Monday, killing 4.'), 'russia')
  assert.equal(p('Russian or regime jets bombed Ariha on Monday, killing 2 people.'), 'russia_or_syrian_government')
  assert.equal(p('HTS fighters shelled Kafr Zita on Monday, killing a child.'), 'hts')
  assert.equal(p('Russian jets struck HTS positions near Saraqib on Monday.'), 'russia')
  assert.equal(p('Turkish drones struck Saraqib on Monday, killing 2 civilians.'), 'turkey')
})

test('weapons, targets, event types and reporters', () => {
  const [e] = run('Regime helicopters dropped barrel bombs on a school in Kafr Nabl on Tuesday, killing three pupils, the Syrian Observatory for Human Rights said.')
  assert.ok(e)
  assert.equal(e.weapon, 'barrel_bomb')
  assert.equal(e.sub_event_type, 'Air/drone strike')
  assert.deepEqual(e.targets, ['school'])
  assert.deepEqual(e.reported_by, ['SOHR'])
  assert.equal(e.date, '2019-05-07')
  const [s] = run('Artillery shelling hit the market in Saraqib on Monday, injuring 12 people, according to the White Helmets.')
  assert.equal(s!.sub_event_type, 'Shelling/artillery/missile attack')
  assert.deepEqual(s!.targets, ['market'])
  assert.deepEqual(s!.reported_by, ['White Helmets'])
  assert.deepEqual(s!.injured, { min: 12, max: 12 })
  // the White Helmets as a target are not a source
  const [c] = run('A White Helmets centre in Ariha was bombed on Monday by Russian jets.')
  assert.deepEqual(c!.targets, ['civil_defence'])
  assert.deepEqual(c!.reported_by, [])
})

test('places: relative places, qualifiers, evidence spans point at the text', () => {
  const text = 'On Monday, five civilians were killed in Hass, 20km south of Ariha, and two in Kafr Nabl in the Idlib countryside when Russian jets struck.'
  const events = run(text)
  assert.equal(events.length, 2)
  const hass = events.find((e) => e.places[0]?.text === 'Hass')!
  assert.equal(hass.places[0]!.precision, 1)
  assert.deepEqual(hass.killed, { min: 5, max: 5 })
  const nabl = events.find((e) => e.places[0]?.text === 'Kafr Nabl')!
  assert.deepEqual(nabl.killed, { min: 2, max: 2 })
  assert.equal(nabl.places.length, 1, 'Idlib qualifies Kafr Nabl, it is not a second place')
  for (const ev of events) for (const span of ev.evidence) assert.ok(span.end <= text.length && span.start < span.end)
  const place = hass.evidence.find((e) => e.field === 'places')!
  assert.equal(text.slice(place.start, place.end), 'Hass')
  // an unknown hamlet placed by its anchor
  const [u] = run('Russian jets struck the village of Umm Tuwayna, south of Kafr Nabl, on Monday, killing a boy.')
  assert.equal(u!.places[0]!.text, 'Umm Tuwayna')
  assert.equal(u!.places[0]!.precision, 2)
  assert.equal(u!.places[0]!.near, 'Kafr Nabl')
})

test('event boundaries: joint figures, follow-up tolls, the same strike told twice', () => {
  const joint = run('Between 7 and 10 September, strikes on Hass, Kafr Nabl and Ariha killed 14 civilians.', '2018-09-15')
  assert.equal(joint.length, 1)
  assert.equal(joint[0]!.places.length, 3)
  assert.equal(joint[0]!.date_end, '2018-09-10')
  const toll = run('Russian jets struck the market in Saraqib on Monday, killing 12 people. The death toll later rose to 29, the Syrian Network for Human Rights said.')
  assert.equal(toll.length, 1)
  assert.deepEqual(toll[0]!.killed, { min: 29, max: 29 })
  assert.deepEqual(toll[0]!.reported_by, ['SNHR'])
  const twice = run('Regime artillery shelled Kafr Nabl on Monday, killing 3. Kafr Nabl was shelled again on Monday, local activists said.')
  assert.equal(twice.length, 1)
  const zero = run('Regime helicopters dropped barrel bombs on Kafr Zita on Monday. No casualties were reported.')
  assert.deepEqual(zero[0]!.killed, { min: 0, max: 0 })
})

test('non-attack events: agreements with deadlines, protests', () => {
  const events = run('On 17 September, Russia and Turkey announced a deal to set up a demilitarised zone around the pocket. Heavy weapons are to be withdrawn from the zone by 10 October.\n\nProtesters marched in Saraqib on Friday against the regime.', '2018-09-30')
  const agreement = events.find((e) => e.kind === 'agreement')!
  assert.equal(agreement.sub_event_type, 'Agreement')
  assert.deepEqual((agreement.details as { parties: string[] }).parties, ['russia', 'turkey'])
  assert.deepEqual((agreement.details as { deadlines: { date: string }[] }).deadlines.map((d) => d.date), ['2018-10-10'])
  const protest = events.find((e) => e.kind === 'protest')!
  assert.equal(protest.event_type, 'Protests')
  ExtractedEvent.parse(protest)
  const later = run('The US and UK stopped sending aid through the Bab al-Hawa crossing on 26 September.\n\nRebel groups have removed their heavy weapons from the zone, Turkey said on 10 October.', '2018-10-12')
  assert.deepEqual(later.map((e) => e.kind), ['aid_access', 'compliance'])
  assert.equal(later[0]!.date, '2018-09-26')
  // background figures are not events, not even attacks
  assert.deepEqual(run('No less than 118,829 individuals are still under arrest or forcibly disappeared, the Syrian Network for Human Rights said.'), [])
})
