/**
 * Reading a report as a whole: the attacker and means a report's lead names carry to the
 * attacks it then tells place by place, and names that only describe a government or the
 * background never become the place of an attack.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { extract, readCasualties, tokenize } from '../../src/extract/index.ts'
import { ExtractResult } from '../../src/domain/index.ts'
import { fakeGeocoder } from './support/fake-geocoder.ts'

const GEO = fakeGeocoder([
  ['Jisr al-Shughur', 35.8142, 36.315, 'Idlib'],
  ['Mhambel', 35.7841, 36.4689, 'Idlib'],
  ['Ariha', 35.8142, 36.6103, 'Idlib'],
  ['Khan Sheikhoun', 35.4437, 36.6504, 'Idlib'],
  ['Maarat al-Numan', 35.6476, 36.6716, 'Idlib'],
  ['Kafr Nabl', 35.6147, 36.5603, 'Idlib'],
  ['Hass', 35.6191, 36.5954, 'Idlib'],
  ['Damascus', 33.5138, 36.2765, 'Damascus'],
  ['Idlib', 35.7667, 36.6667, 'Idlib', 'governorate'],
])

const run = (text: string, published = '2018-09-04') => {
  const r = extract(text, { published, geocoder: GEO })
  ExtractResult.parse(r)
  return r.events.filter((e) => !e.kind)
}

test('the lead\'s attacker carries to attacks told in later paragraphs', () => {
  const events = run([
    'Russian warplanes carried out dozens of raids on Jisr al-Shughur on Tuesday, killing two civilians.',
    'Raids also hit the village of Mhambel, where a mother and her daughter were killed.',
    'In Ariha, four people died, among them two children.',
  ].join('\n\n'))
  const mh = events.find((e) => e.places.some((p) => p.text === 'Mhambel'))
  assert.ok(mh, 'an event at Mhambel')
  assert.equal(mh.perpetrator, 'russia')
  assert.equal(mh.weapon, 'airstrike')
  // no means stated: the lead's single means is the means of the attacks it sums up
  const ar = events.find((e) => e.places.some((p) => p.text === 'Ariha'))
  assert.ok(ar, 'an event at Ariha')
  assert.equal(ar.perpetrator, 'russia')
  assert.equal(ar.weapon, 'airstrike')
})

test('an attacker named in the paragraph itself beats the lead; a stopped campaign is not a lead', () => {
  const events = run([
    'Russian jets struck Jisr al-Shughur on Tuesday, killing two civilians.',
    'Syrian government artillery shelled Mhambel, killing a woman.',
  ].join('\n\n'))
  assert.equal(events.find((e) => e.places.some((p) => p.text === 'Mhambel'))?.perpetrator, 'syrian_government')
  const stopped = run([
    'Shelling killed at least seven civilians in Kafr Nabl on Friday, the largest toll since Russian air strikes stopped in mid-September.',
    'Three people died in Mhambel.',
  ].join('\n\n'), '2018-10-26')
  const mh = stopped.find((e) => e.places.some((p) => p.text === 'Mhambel'))
  assert.ok(mh)
  assert.notEqual(mh.perpetrator, 'russia')
})

const placesOf = (text: string, published = '2018-09-04') => run(text, published).map((e) => e.places.map((p) => p.text))

test('a capital standing for its government, a venue of talks and a dateline are not places attacked', () => {
  const events = run('BEIRUT — Russian warplanes struck Mhambel on Tuesday, killing two civilians, hours after Washington warned Damascus against an offensive. Damascus and its allies have massed troops nearby.')
  assert.deepEqual(events.map((e) => e.places.map((p) => p.text)), [['Mhambel']])
  assert.deepEqual(placesOf('Warplanes struck Ariha on Friday, killing three civilians, as leaders met in Damascus without agreeing a truce.', '2018-09-07'), [['Ariha']])
  assert.deepEqual(placesOf('A Damascus-based outlet said shelling killed two people in Kafr Nabl on Friday.', '2018-09-07'), [['Kafr Nabl']])
  assert.deepEqual(placesOf('Idlib — Three civilians were killed on Friday when regime helicopters dropped barrel bombs on Kafr Nabl.', '2018-09-08'), [['Kafr Nabl']])
  // a place attacked in the capital stays a place
  assert.deepEqual(placesOf('A car bomb killed four people in Damascus on Monday.', '2018-09-04'), [['Damascus']])
})

test('the area a village lies in and the hospital the wounded reached are not places of their own', () => {
  const events = run([
    'A Russian air raid on the village of Mhambel, in the Ariha area south-west of Idlib city, killed three civilians on Tuesday.',
    'A wounded man was taken to a hospital in Jisr al-Shughur.',
  ].join(' '))
  assert.equal(events.length, 1)
  assert.deepEqual(events[0]!.places.map((p) => p.text), ['Mhambel'])
  assert.deepEqual(events[0]!.killed, { min: 3, max: 3 })
})

test('a group said to dominate a region is not the attacker', () => {
  const events = run([
    'Regime helicopters dropped barrel bombs on Kafr Nabl on Sunday, killing two civilians.',
    'The attacks slowed later as talks went on over the province, which is dominated by the al-Qaida-linked Hayat Tahrir al-Sham.',
  ].join(' '), '2018-09-09')
  assert.equal(events.length, 1)
  assert.equal(events[0]!.perpetrator, 'syrian_government')
})

test('another party with other means at the same place and day is another attack', () => {
  const sameSentences = run([
    'Russian warplanes carried out several raids on Khan Sheikhoun on Friday, causing fires in homes.',
    'Shortly afterwards, regime forces fired artillery shells at the same areas of Khan Sheikhoun, injuring two rescuers.',
  ].join(' '), '2018-09-07')
  assert.deepEqual(sameSentences.map((e) => [e.perpetrator, e.weapon]), [['russia', 'airstrike'], ['syrian_government', 'shelling_artillery']])
  const unnamed = run('This afternoon a Russian air raid hit homes in Khan Sheikhoun. While rescuers worked, the same area was hit again, this time by regime artillery shells.', '2018-09-07')
  assert.deepEqual(unnamed.map((e) => [e.perpetrator, e.weapon, e.places[0]?.text]), [['russia', 'airstrike', 'Khan Sheikhoun'], ['syrian_government', 'shelling_artillery', 'Khan Sheikhoun']])
  // the same party striking twice is still one attack
  const twice = run('Russian jets struck Khan Sheikhoun on Friday. Russian jets struck Khan Sheikhoun again the same day, killing two people.', '2018-09-07')
  assert.equal(twice.length, 1)
})

test('a town "shelled almost daily since" and a faction holding it are background', () => {
  const events = run([
    'A regime helicopter dropped a barrel bomb on Kafr Nabl on Saturday, causing damage.',
    'Kafr Nabl, held by the opposition faction Jaish al-Izza, has been shelled almost daily since August.',
  ].join(' '), '2018-09-08')
  assert.deepEqual(events.map((e) => [e.perpetrator, e.weapon]), [['syrian_government', 'barrel_bomb']])
})

test('a lead that sums up a region is not one more attack when the villages follow', () => {
  const events = run([
    'Russian warplanes bombed Idlib province on Tuesday, killing civilians, a monitor said.',
    'In Mhambel, two women were killed. A man and his wife died in Jisr al-Shughur.',
  ].join('\n\n'))
  assert.deepEqual(events.map((e) => e.places.map((p) => p.text)).sort(), [['Jisr al-Shughur'], ['Mhambel']])
  // a regional toll larger than the villages' together stays: it tells of more than they do
  const larger = run('Air strikes killed 20 civilians across Idlib province on Tuesday. In Mhambel, two women were killed.')
  assert.equal(larger.length, 2)
  // alone, a dated toll for a region is an event
  assert.equal(run('Russian air strikes killed 12 civilians in Idlib province on Tuesday.').length, 1)
})

test('a homonym is read near the other places of its sentence', () => {
  const geo = fakeGeocoder([
    ['Ghassaniya', 36.8539, 38.3785, 'Aleppo'],
    ['Ghassaniya', 35.8142, 36.2611, 'Idlib'],
    ['Jisr al-Shughur', 35.8142, 36.315, 'Idlib'],
  ])
  const r = extract('A man was killed on Sunday when a bomblet exploded in the village of al-Ghassaniya in the western countryside of Jisr al-Shughur.', { published: '2018-09-16', geocoder: geo })
  assert.equal(r.events[0]?.places[0]?.admin1, 'Idlib')
})

test('asides and outlooks are background: "which has also been shelled", "if the fighting escalates", vaguely counted facilities', () => {
  const events = run([
    'Regime helicopters dropped barrel bombs on Kafr Nabl on Saturday, damaging a hospital.',
    'Patients must now travel to Maarat al-Numan, which has also been shelled.',
  ].join(' '), '2018-09-09')
  assert.deepEqual(events.map((e) => e.places.map((p) => p.text)), [['Kafr Nabl']])
  assert.deepEqual(run('Supplies are prepositioned for people who could be displaced near Ariha if the fighting escalates.', '2018-09-12'), [])
  assert.deepEqual(run('Several health facilities in southern Idlib have suspended services after being hit.', '2018-09-12'), [])
})

test('a name is not a place when it ends on its article or names an organisation\'s team', () => {
  const geo = fakeGeocoder([['Nabd al', 35.0, 36.0, 'Hama'], ['Hass', 35.6191, 36.5954, 'Idlib'], ['Khan Sheikhoun', 35.4437, 36.6504, 'Idlib'], ['Abdin', 35.4678, 36.5367, 'Idlib']])
  const r = extract('Regime helicopters dropped two barrel bombs in front of Nabd al Hayat Hospital, south of Hass village, on Saturday.', { published: '2018-09-08', geocoder: geo })
  assert.ok(!r.events.some((e) => e.places.some((p) => /Nabd/.test(p.text))))
  const wh = extract('Regime helicopters dropped barrel bombs on Abdin today. Our Khan Sheikhoun team found damaged homes; no casualties were recorded.\n\nOn Friday, an attack on the same village killed three civilians.', { published: '2018-09-09', geocoder: geo }).events
  assert.deepEqual(wh.map((e) => [e.date, e.places.map((p) => p.text), e.killed]), [['2018-09-09', ['Abdin'], { min: 0, max: 0 }], ['2018-09-07', ['Abdin'], { min: 3, max: 3 }]])
})

test('"Abdin, south of Idlib" is Abdin in the governorate\'s south, not a point near its capital', () => {
  const geo = fakeGeocoder([['Abdin', 35.4678, 36.5367, 'Idlib'], ['Idlib', 35.929, 36.6353, 'Idlib'], ['Idlib', 35.7667, 36.6667, 'Idlib', 'governorate']])
  const ev = extract('Regime helicopters dropped barrel bombs on the village of Abdin, south of Idlib, today.', { published: '2018-09-09', geocoder: geo }).events
  assert.equal(ev.length, 1)
  assert.deepEqual(ev[0]!.places.map((p) => [p.text, p.precision, p.lat]), [['Abdin', 1, 35.4678]])
})

test('"south of the city" is south of the town last named; a far homonym yields to it', () => {
  const geo = fakeGeocoder([['Basatin', 34.8314, 36.2083, 'Tartus'], ['Jisr al-Shughur', 35.8142, 36.315, 'Idlib']])
  const ev = extract('Russian warplanes carried out dozens of raids on Jisr al-Shughur on Tuesday. Seven members of one family were killed when a raid hit their house in the al-Basatin area south of the city.', { published: '2018-09-04', geocoder: geo }).events
  const bs = ev.find((e) => e.places.some((p) => p.text === 'al-Basatin'))
  assert.ok(bs)
  assert.deepEqual([bs.places[0]!.lat, bs.places[0]!.admin1, bs.places[0]!.precision, bs.places[0]!.near], [35.8142, 'Idlib', 2, 'Jisr al-Shughur'])
})

test('a town the gazetteer lacks is still a town; the means of "a day after" another attack are not this one\'s', () => {
  const ev = run('Russian warplanes carried out eight raids on Sunday on the town of Ltamenah in the northern countryside of Hama, a day after regime helicopters dropped barrel bombs on the same town.', '2018-09-09')
  assert.equal(ev.length, 1)
  assert.deepEqual([ev[0]!.places[0]?.text, ev[0]!.perpetrator, ev[0]!.weapon], ['Ltamenah', 'russia', 'airstrike'])
})

test('towns hit "in a succession of raids" with no toll are one attack each', () => {
  const ev = run('Russian jets were believed to have hit the nearby towns of Kafr Nabl and Hass in a succession of raids on Sunday.', '2018-09-09')
  assert.deepEqual(ev.map((e) => e.places.map((p) => p.text)), [['Kafr Nabl'], ['Hass']])
  // one figure for both keeps them one event
  assert.equal(run('Russian jets hit Kafr Nabl and Hass in a succession of raids on Sunday, killing five civilians.', '2018-09-09').length, 1)
})

test('a victim named before her kin is not a place; "the government and its Russian allies" is a joint attribution', () => {
  const geo = fakeGeocoder([['Mhambel', 35.7841, 36.4689, 'Idlib'], ['Lama', 35.0, 36.0, 'Hama'], ['Saeed', 35.1, 36.1, 'Hama']])
  const ev = extract('In Mhambel two women from one family, Lama al-Saeed and her daughter Walaa al-Taha, died under the rubble of their home on Tuesday after a raid.', { published: '2018-09-04', geocoder: geo }).events
  assert.deepEqual(ev.map((e) => e.places.map((p) => p.text)), [['Mhambel']])
  const joint = run('Syrian government forces and their Russian allies used cluster munitions on Kafr Nabl on Friday, killing four civilians.', '2018-09-07')
  assert.equal(joint[0]?.perpetrator, 'russia_or_syrian_government')
})

test('a lead naming cluster munitions and barrel bombs gives both to the attacks it sums up', () => {
  const ev = run([
    'Amnesty said Syrian government forces used cluster munitions and barrel bombs in a wave of attacks on the south of Idlib province.',
    'It recorded attacks between 7 and 10 September on Hass and Kafr Nabl, which together killed 14 civilians.',
  ].join('\n\n'), '2018-09-14')
  assert.equal(ev.length, 1)
  assert.deepEqual([ev[0]!.perpetrator, ev[0]!.weapon], ['syrian_government', 'cluster_munition'])
  assert.ok(ev[0]!.weapons.includes('barrel_bomb'))
})

test('"the attack took place on Friday" dates the attack just told', () => {
  const ev = run('A video shows rescuers under fire after a suspected Russian air raid on the town of Khan Sheikhoun. The civil defence group said the attack took place on Friday.', '2018-09-10')
  assert.deepEqual(ev.map((e) => [e.date, e.places[0]?.text]), [['2018-09-07', 'Khan Sheikhoun']])
})

test('an undated count over a region beside the dated attacks told is background; Arabic adjectives are not places', () => {
  const ev = run('A child was killed yesterday when a cluster bomblet exploded in Khan Sheikhoun. The Observatory has recorded several deaths from leftover munitions in Idlib province this month.', '2018-09-20')
  assert.deepEqual(ev.map((e) => e.places.map((p) => p.text)), [['Khan Sheikhoun']])
  const geo = fakeGeocoder([['حربية', 35.0, 36.0, 'Hama'], ['خان شيخون', 35.4437, 36.6504, 'Idlib']])
  const ar = extract('قصفت طائرات حربية مدينة خان شيخون يوم الجمعة ما أدى إلى مقتل مدنيين اثنين.', { published: '2018-09-07', geocoder: geo, lang: 'ar' }).events
  assert.ok(ar.length > 0 && ar.every((e) => !e.places.some((p) => p.text === 'حربية')))
})

test('a bearing ("further east towards Ariha") and "most of the raids fell between X and Y" add no place', () => {
  assert.deepEqual(placesOf('In Mhambel, further east towards Ariha, a strike on a residential street killed two civilians on Tuesday.'), [['Mhambel']])
  const ev = run('A strike killed two civilians in Jisr al-Shughur on Tuesday. SNHR notes that most of the Russian raids on that day fell near the M4 highway between Jisr al-Shughur and Ariha.')
  assert.deepEqual(ev.map((e) => e.places.map((p) => p.text)), [['Jisr al-Shughur']])
})

test('"two civilians, a mother and her daughter" is two people, not four', () => {
  const t = 'a strike killed at least two civilians, a mother and her daughter; rescuers searched'
  const g = readCasualties(t, tokenize(t, 0, t.length))
  assert.deepEqual(g.map((x) => [x.kind, x.count]), [['killed', { min: 2, max: null }]])
  const more = 'killed two civilians and a woman'
  assert.deepEqual(readCasualties(more, tokenize(more, 0, more.length)).map((x) => x.count), [{ min: 3, max: 3 }])
})
