import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { loadGeocoder, createGeocoder, interpretRelative, distanceKm, parsePlaces, GazetteerPlace, type Geocoder } from './index.ts'

let g: Geocoder
before(() => { g = loadGeocoder() })

const top = (q: string, o = {}) => g.geocode(q, o)[0]

describe('geocode: the hard cases of the issue', () => {
  const cases: [string, string][] = [
    ['Al-Lataminah', 'C3458'], ['Latamneh', 'C3458'], ['Ltamenah', 'C3458'], ['اللطامنة', 'C3458'],
    ["Taman'a", 'C4081'], ["Al Tamani'a", 'C4081'], ['Tamanaah', 'C4081'], ['التمانعة', 'C4081'],
    ['Khan Sheikhoun', 'C3987'], ['Khan Shaykhun', 'C3987'], ['Khan Sheihkhoun', 'C3987'], ['خان شيخون', 'C3987'],
    ['Jisr al-Shughur', 'C4199'], ['Jisr Ash-Shugur', 'C4199'], ['Jisr Al Shougur', 'C4199'],
    ['Mhambel', 'C4330'], ['al-Tah', 'C4099'], ['Hbit', 'C3989'], ['Abdin', 'C3990'], ['Jarjanaz', 'C3977'],
    ['Hass', 'C4058'], ['Kafr Nabl', 'C4068'], ['Maarat al-Numan', 'C3985'], ['Saraqib', 'C3916'],
    ['Ariha', 'C4278'], ['Arihah', 'C4278'], ['Maar Shoreen', 'C3978'], ['Jawbas', 'C3909'], ['Kefer Dael', 'C6426'],
  ]
  for (const [q, id] of cases) it(`"${q}" → ${id}`, () => assert.equal(top(q)?.id, id, JSON.stringify(g.geocode(q, { limit: 3 }))))

  it('puts Hass where the record does (~35.616, 36.593)', () => {
    const c = top('Hass')!
    assert.ok(distanceKm(c.lat, c.lon, 35.616, 36.593) < 2)
  })
  it('reads "Idlib" as the city and "Idlib governorate" / "Idlib province" as the governorate', () => {
    assert.equal(top('Idlib')?.feature, 'community')
    assert.equal(top('Idlib governorate')?.feature, 'governorate')
    assert.equal(top('Idlib province')?.id, 'SY07')
    assert.equal(top('محافظة إدلب')?.feature, 'governorate')
    assert.equal(top('Jisr al-Shughur district')?.feature, 'district')
  })
  it('returns the contract fields and the extras', () => {
    const c = top('Kafr Nabl')!
    for (const k of ['id', 'name', 'lat', 'lon', 'admin1', 'admin2', 'feature', 'score']) assert.ok(k in c, k)
    assert.equal(c.name_ar, 'كفر نبل')
    assert.equal(c.pcode, 'C4068')
    assert.equal(c.admin1, 'Idlib')
    assert.equal(typeof c.matched, 'string')
    assert.ok(c.score > 0.8 && c.score <= 1)
  })
  it('ranks best first and honours the limit', () => {
    const cs = g.geocode('Kafraya', { limit: 3 })
    assert.equal(cs.length, 3)
    for (let i = 1; i < cs.length; i++) assert.ok(cs[i - 1]!.score >= cs[i]!.score)
  })
})

describe('geocode: context', () => {
  it('uses admin1 (any spelling) to choose between homonyms', () => {
    assert.equal(top('Babilla')?.admin1 === 'Idlib', false, 'without context the Damascus Babella ranks first')
    assert.equal(top('Babilla', { admin1: 'Idleb' })?.id, 'C3964')
    assert.equal(top('Durin', { admin1: 'Lattakia' })?.admin1, 'Latakia')
    assert.equal(top('Kafr Nabl, Idlib')?.id, 'C4068')
  })
  it('uses admin2 and the places named nearby', () => {
    assert.equal(top('Hbit', { admin2: 'Maarrat al-Numan' })?.id, 'C3989')
    const hbeit = g.get('C3718')!
    const nearLatakia = top('Hbit', { near: [{ lat: hbeit.lat + 0.02, lon: hbeit.lon }] })!
    const nearKhan = top('Hbit', { near: [{ lat: 35.44, lon: 36.65 }] })!
    assert.equal(nearKhan.id, 'C3989')
    assert.notEqual(nearLatakia.id, nearKhan.id)
  })
  it('scores a homonym without context lower than a unique name', () => {
    assert.ok(top('Babilla')!.score < top('Khan Sheikhoun')!.score)
  })
})

describe('geocode: bad queries never crash', () => {
  const bad: [string, unknown][] = [
    ['empty', ''], ['blank', '   \t '], ['10 kB', 'Saraqib '.repeat(1300)], ['control characters', '\u0000\u0001\u0007\u001b[31m'],
    ['only punctuation', '!!!???...,,,;;;'], ['digits', '12345'], ['lone surrogate', '\ud800x'], ['emoji', '💥🔥'],
    ['not a string', 42], ['null', null], ['object', { toString: () => { throw new Error('boom') } }],
  ]
  for (const [what, q] of bad) {
    it(`gives [] for ${what}`, () => assert.deepEqual(g.geocode(q as string), []))
  }
  it('handles mixed scripts and control characters inside a name', () => {
    assert.doesNotThrow(() => g.geocode('Kafr نبل'))
    assert.equal(top('Sara\u0000qib')?.id ?? top('Saraqib')?.id, 'C3916')
    assert.equal(top('\u200fسراقب\u200f')?.id, 'C3916')
  })
  it('ignores a silly limit instead of failing', () => {
    assert.equal(g.geocode('Saraqib', { limit: -3 }).length, 1)
    assert.ok(g.geocode('Kafr', { limit: 1e9 }).length <= 100)
  })
})

describe('recognise', () => {
  const text = 'On 7 September warplanes struck Mhambel and al-Tah in southern Idlib, near Khan Sheikhoun. ' +
    'The Network said strikes also hit Kafr Nabl, Hass and Jisr al-Shughur. Has anyone counted? Monday was calm in Syria. ' +
    'وقصفت الطائرات بلدة خان شيخون وكفرنبل.'
  it('finds gazetteer names in both scripts with offsets into the text', () => {
    const ms = g.recognise(text)
    for (const m of ms) assert.equal(text.slice(m.start, m.end), m.text)
    const ids = ms.map((m) => m.candidates[0]?.id)
    for (const id of ['C4330', 'C4099', 'C3987', 'C4068', 'C4058', 'C4199']) assert.ok(ids.includes(id), `${id} in ${ids.join(',')}`)
    assert.ok(ms.some((m) => m.text === 'خان شيخون'))
    assert.ok(ms.some((m) => m.text === 'كفرنبل'), 'the proclitic و stays outside the span')
    assert.ok(ms.some((m) => m.text === 'al-Tah'))
  })
  it('does not read common words as places', () => {
    const texts = g.recognise(text).map((m) => m.text)
    for (const w of ['On', 'September', 'The', 'Network', 'Has', 'Monday', 'Syria', 'near', 'southern', 'الطائرات', 'بلدة']) assert.ok(!texts.includes(w), `${w} read as a place`)
  })
  it('uses the other places of the report to choose between homonyms', () => {
    assert.equal(g.recognise('Strikes on Babilla.')[0]?.candidates[0]?.admin1, 'Rif Dimashq')
    const m = g.recognise('Strikes on Babilla and Maarat al-Numan')
    assert.equal(m[0]?.candidates[0]?.id, 'C3964')
    assert.equal(g.recognise('Shelling hit Slinfah, Kinsabba and Durin on Tuesday.').find((x) => x.text === 'Durin')?.candidates[0]?.admin1, 'Latakia')
  })
  it('does not take names of people or common capitalised words for places', () => {
    const t = 'Sergei Lavrov and Recep Tayyip Erdogan met in Sochi. The interim report by Agnès Callamard and Burt Parker, Primary school, Autumn.'
    assert.deepEqual(g.recognise(t).map((m) => m.text), [])
  })
  it('returns [] for empty or non-text input and survives hostile text', () => {
    assert.deepEqual(g.recognise(''), [])
    assert.deepEqual(g.recognise(null as unknown as string), [])
    assert.doesNotThrow(() => g.recognise('\u0000'.repeat(1000) + 'x'.repeat(100000)))
  })
})

describe('interpretRelative', () => {
  it('"20km to the north of Hass" moves 20 km north, precision 2', () => {
    const r = interpretRelative(g, '20km to the north of Hass')!
    assert.equal(r.anchor.id, 'C4058')
    assert.equal(r.precision, 2)
    assert.equal(r.bearing_deg, 0)
    assert.equal(r.distance_km, 20)
    assert.ok(Math.abs(distanceKm(r.lat, r.lon, r.anchor.lat, r.anchor.lon) - 20) < 0.1)
    assert.ok(r.lat > r.anchor.lat)
  })
  it('"south of Jisr al-Shughur" and "5 km south-east of Saraqib"', () => {
    const s = interpretRelative(g, 'south of Jisr al-Shughur')!
    assert.equal(s.relation, 'direction')
    assert.ok(s.lat < s.anchor.lat)
    const se = interpretRelative(g, '5 km south-east of Saraqib')!
    assert.equal(se.bearing_deg, 135)
    assert.ok(se.lat < se.anchor.lat && se.lon > se.anchor.lon)
  })
  it('outskirts, near, countryside and suburbs', () => {
    assert.equal(interpretRelative(g, 'the outskirts of Khan Sheikhoun')?.relation, 'outskirts')
    assert.equal(interpretRelative(g, 'near Saraqib')?.anchor.id, 'C3916')
    assert.equal(interpretRelative(g, 'Idlib suburbs')?.relation, 'outskirts')
    const c = interpretRelative(g, 'Hama countryside')!
    assert.equal(c.relation, 'countryside')
    assert.equal(c.precision, 3)
    assert.equal(interpretRelative(g, 'Jisr al-Shughur countryside')?.precision, 3)
    assert.equal(interpretRelative(g, 'ريف إدلب')?.relation, 'countryside')
  })
  it('a side of a governorate\'s countryside, in English and Arabic', () => {
    for (const phrase of ['southern Idlib countryside', 'ريف إدلب الجنوبي']) {
      const r = interpretRelative(g, phrase)!
      assert.equal(r.anchor.feature, 'governorate', phrase)
      assert.equal(r.bearing_deg, 180)
      assert.ok(r.lat < r.anchor.lat)
      assert.equal(r.precision, 2)
    }
  })
  it('an admin unit alone is precision 3', () => {
    const r = interpretRelative(g, 'Idlib governorate')!
    assert.equal(r.precision, 3)
    assert.equal(r.anchor.feature, 'governorate')
  })
  it('gives null for unknown anchors and junk', () => {
    assert.equal(interpretRelative(g, 'north of Xqzzyw'), null)
    assert.equal(interpretRelative(g, ''), null)
    assert.equal(interpretRelative(g, '!!!'), null)
  })
})

describe('extra and imported places', () => {
  it('join the index and replace a bundled place of the same id', () => {
    const extra = GazetteerPlace.parse({ id: 'test:1', name: 'Zzyzx Springs', name_ar: 'زيزكس', lat: 35.1, lon: 36.1, feature: 'community', source: 'test', admin1: 'Hama' })
    const g2 = loadGeocoder({ extra: [extra] })
    assert.equal(g2.geocode('Zzyzx Springs')[0]?.id, 'test:1')
    assert.equal(g2.geocode('زيزكس')[0]?.id, 'test:1')
    assert.equal(g2.get('test:1')?.name, 'Zzyzx Springs')
    const moved = createGeocoder([GazetteerPlace.parse({ id: 'X', name: 'A', lat: 1, lon: 1, feature: 'town', source: 't' }), GazetteerPlace.parse({ id: 'X', name: 'B', lat: 2, lon: 2, feature: 'town', source: 't' })])
    assert.equal(moved.size, 1)
    assert.equal(moved.get('X')?.name, 'B')
  })
  it('work for any country: nothing Syria-only', () => {
    const mali = createGeocoder([GazetteerPlace.parse({ id: 'ml:1', name: 'Tombouctou', alt_names: ['Timbuktu'], name_ar: 'تمبكتو', lat: 16.77, lon: -3.0, feature: 'city', source: 't', admin1: 'Tombouctou' })])
    assert.equal(mali.geocode('Timbuktu')[0]?.id, 'ml:1')
    assert.equal(mali.geocode('Tombouktou')[0]?.id, 'ml:1')
    assert.equal(mali.recognise('Fighting near Timbuktu on Friday')[0]?.text, 'Timbuktu')
  })
})

describe('parsePlaces', () => {
  it('reads a GeoNames dump with alternate names, reporting bad rows by line', () => {
    const row = (f: string[]) => f.join('\t')
    const text = [
      row(['169389', 'Idlib', 'Idlib', 'Edleb,Idleb,ادلب,إدلب', '35.93062', '36.63393', 'P', 'PPLA', 'SY', '', '12', '', '', '', '128840', '', '450', 'Asia/Damascus', '2020-01-01']),
      row(['x1', 'Bad', 'Bad', '', '35', '36', 'P', 'PPL', 'SY', '', '12', '', '', '', '0', '', '0', 'Asia/Damascus', '2020-01-01']),
      'too\tfew\tcolumns',
      row(['2', 'NoCoords', 'NoCoords', '', '', '', 'P', 'PPL', 'SY', '', '12', '', '', '', '0', '', '0', 'Asia/Damascus', '2020-01-01']),
    ].join('\n')
    const r = parsePlaces('geonames', text, { adminOf: () => ({ admin1: 'Idlib', admin2: null, admin3: null }) })
    assert.equal(r.places.length, 1)
    assert.equal(r.places[0]?.id, 'geonames:169389')
    assert.equal(r.places[0]?.feature, 'city')
    assert.equal(r.places[0]?.population, 128840)
    assert.ok(r.places[0]?.alt_names.includes('Edleb'))
    assert.equal(r.places[0]?.name_ar, 'ادلب')
    assert.deepEqual(r.errors.map((e) => e.line), [2, 3, 4])
  })
  it('reads HDX/OCHA populated places with an HXL row', () => {
    const text = 'admin1Name_en,admin2Name_en,admin3Name_en,admin4Name_en,admin4Name_ar,admin4Pcode,latitude,longitude\n' +
      '#adm1+name,#adm2+name,#adm3+name,#loc+name,#loc+name+ar,#loc+code,#geo+lat,#geo+lon\n' +
      'Idleb,Idleb,Idleb,Testville,قرية التجربة,C9999,35.9,36.6\n' +
      'Idleb,Idleb,Idleb,Nowhere,,C9998,north,36.6\n'
    const r = parsePlaces('ocha', text)
    assert.deepEqual(r.places.map((p) => [p.id, p.name, p.name_ar, p.admin1]), [['C9999', 'Testville', 'قرية التجربة', 'Idleb']])
    assert.deepEqual(r.errors.map((e) => e.line), [4])
    assert.match(parsePlaces('ocha', 'foo,bar\n1,2\n').errors[0]!.error, /header lacks/)
  })
  it('reads any CSV through a column map', () => {
    const text = 'village;y;x;gov\nNew Hamlet;35,5;36,6;Idlib\n;35;36;\nBroken;abc;36;Idlib\n'
    const r = parsePlaces('csv', text, { map: { name: 'village', lat: 'y', lon: 'x', admin1: 'gov' }, label: 'survey' })
    assert.equal(r.places.length, 1)
    assert.equal(r.places[0]?.lat, 35.5)
    assert.match(r.places[0]!.id, /^survey:/)
    assert.deepEqual(r.errors.map((e) => e.line), [3, 4])
    assert.match(parsePlaces('csv', text, { map: { name: 'nope', lat: 'y', lon: 'x' } }).errors[0]!.error, /not in header/)
    const outOfRange = parsePlaces('csv', 'n,lat,lon\nA,95,10\n', { map: { name: 'n', lat: 'lat', lon: 'lon' } })
    assert.equal(outOfRange.places.length, 0)
    assert.equal(outOfRange.errors[0]?.line, 2)
  })
})
