import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { XMLParser } from 'fast-xml-parser'
import { parse } from 'csv-parse/sync'
import { freshPglite } from '../support/stores.ts'
import { point, type Store } from '../../src/store/index.ts'
import type { IncidentView } from '../../src/domain/index.ts'
import {
  ACLED_COLUMNS, UCDP_COLUMNS, exportIncidents, importDataset, incidentViews, priogridGid, type ExportFormat, type ImportSummary,
} from '../../src/monitor/interop/index.ts'

const SHARED_AIRWARS = new URL('../../../shared/data/airwars-sample/airwars_sample.csv', import.meta.url)

/** A small Airwars-style file written for these tests (used when the shared sample is absent). */
const AIRWARS_FIXTURE = `incident_code,incident_date,date_type,date_range_end,location_en,location_ar,district,governorate,latitude,longitude,geolocation_precision,belligerent,strike_type,munition,infrastructure,grading,civilian_deaths_min,civilian_deaths_max,civilian_injuries_min,civilian_injuries_max,children_killed_min,children_killed_max,n_sources,source_names,source_urls
TX001,2017-05-02,date,,Test Village,,,Test Governorate,35.1,39.2,village,U.S.-led Coalition,Airstrike,,,Fair,2,4,1,3,1,1,2,Monitor One ; Monitor Two,
TX002,2017-05-03,date_range,2017-05-05,Test Town,,,Test Governorate,35.2,39.3,town,Russian Military,Airstrike,,Healthcare,Confirmed,5,5,,,,,1,Monitor One,
TX003,2017-05-04,date,,Test City,,,Other Governorate,35.3,39.4,city,"Russian Military, U.S.-led Coalition",Airstrike and/or Artillery,,,Contested,0,1,,,,,0,,
`

function airwarsText(): { text: string; rows: Record<string, string>[]; shared: boolean } {
  const shared = existsSync(SHARED_AIRWARS)
  const text = shared ? readFileSync(SHARED_AIRWARS, 'utf8') : AIRWARS_FIXTURE
  return { text, rows: parse(text, { columns: true, bom: true }) as Record<string, string>[], shared }
}

const enc = (s: string) => new TextEncoder().encode(s)

let a: Store
let b: Store
before(async () => { [a, b] = await Promise.all([freshPglite(), freshPglite()]) })
after(async () => { await Promise.all([a.close(), b.close()]) })

async function count(store: Store, table: 'incidents' | 'sources' | 'reports'): Promise<number> {
  const r = await store.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

const SEED: Partial<IncidentView & { lat: number | null; lon: number | null; name: string; precision: 1 | 2 | 3 }>[] = [
  { id: 'inc_rt0001', date: '2018-09-04', date_end: null, perpetrator: 'russia', weapon: 'airstrike', weapons: ['airstrike'], targets: ['residential', 'market'], killed: { min: 7, max: 9 }, injured: { min: 12, max: null }, children_killed: { min: 2, max: 2 }, grade: 'confirmed', lat: 35.6521, lon: 36.7073, name: 'Market Town', precision: 1, admin1: 'North Province', admin2: 'Hill District', reported_by: ['Monitor A', 'Monitor B'], independent_sources: 2 },
  { id: 'inc_rt0002', date: '2018-09-08', date_end: '2018-09-10', perpetrator: 'russia_or_syrian_government', weapon: 'barrel_bomb', weapons: ['barrel_bomb', 'airstrike'], targets: ['hospital_medical'], killed: { min: 0, max: 3 }, injured: { min: null, max: null }, children_killed: { min: null, max: null }, grade: 'fair', lat: 35.41, lon: 36.39, name: 'Clinic Village', precision: 2, admin1: 'North Province', admin2: null, reported_by: ['@monitor_c', '=HYPERLINK("http://x")'], independent_sources: 1 },
  { id: 'inc_rt0003', date: '2018-10-01', date_end: null, perpetrator: 'hts', weapon: 'shelling_artillery', weapons: ['shelling_artillery'], targets: ['school'], killed: { min: 1, max: 1 }, injured: { min: 4, max: 6 }, children_killed: { min: 1, max: 1 }, grade: 'weak', lat: 35.93, lon: 36.63, name: 'District Centre', precision: 3, admin1: 'North Province', admin2: 'Hill District', reported_by: [], independent_sources: 0 },
  { id: 'inc_rt0004', date: '2018-10-03', date_end: null, perpetrator: 'unknown', weapon: 'ied_car_bomb', weapons: ['ied_car_bomb'], targets: ['road_vehicle'], killed: { min: null, max: null }, injured: { min: 2, max: 2 }, children_killed: { min: null, max: null }, grade: 'contested', lat: null, lon: null, name: 'Unlocated road', precision: 3, admin1: 'South Province', admin2: null, reported_by: ['Monitor A'], independent_sources: 1 },
]

async function seed(store: Store): Promise<void> {
  for (const s of SEED) {
    const event = s.weapon === 'airstrike' ? 'Explosions/Remote violence' : s.weapon === 'ied_car_bomb' ? 'Explosions/Remote violence' : 'Explosions/Remote violence'
    const sub = s.weapon === 'shelling_artillery' ? 'Shelling/artillery/missile attack' : s.weapon === 'ied_car_bomb' ? 'Remote explosive/landmine/IED' : 'Air/drone strike'
    await store.db.insertInto('incidents').values({
      id: s.id!, date: s.date ?? null, date_end: s.date_end ?? null, event_type: event, sub_event_type: sub,
      perpetrator: s.perpetrator ?? null, weapon: s.weapon ?? null, weapons: s.weapons ?? [], targets: s.targets ?? [],
      places: JSON.stringify([{ name: s.name, lat: s.lat, lon: s.lon, precision: s.precision, admin1: s.admin1 }]),
      geom: point(s.lat, s.lon), precision: s.precision ?? null, admin1: s.admin1 ?? null, admin2: s.admin2 ?? null,
      killed_min: s.killed!.min, killed_max: s.killed!.max, injured_min: s.injured!.min, injured_max: s.injured!.max,
      children_killed_min: s.children_killed!.min, children_killed_max: s.children_killed!.max, grade: s.grade!, grade_reasons: '[]',
      reported_by: s.reported_by ?? [], independent_sources: s.independent_sources ?? 0,
      sensitive: JSON.stringify({ victims: [{ name: 'Hidden Person Name' }], reviewer_notes: 'private reviewer remark' }),
    }).execute()
  }
}

/** The fields an export format carries, for comparing an incident before and after a round trip. */
function carried(v: IncidentView, format: ExportFormat): Record<string, unknown> {
  const p = v.places[0]
  const base = {
    id: v.id, date: v.date, date_end: v.date_end, place: p?.name, lat: p?.lat, lon: p?.lon, precision: p?.precision,
    admin1: v.admin1, admin2: v.admin2, perpetrator: v.perpetrator, weapon: v.weapon, targets: [...v.targets].sort(),
    killed: v.killed, reported_by: v.reported_by, independent_sources: v.independent_sources,
  }
  if (format === 'ucdp') return base
  return { ...base, event_type: v.event_type, sub_event_type: v.sub_event_type, weapons: v.weapons, injured: v.injured, children_killed: v.children_killed, grade: v.grade }
}

describe('export -> import round trip', () => {
  before(async () => { await seed(a) })

  for (const format of ['acled', 'ucdp', 'geojson'] as const) {
    it(`${format}: importing an export gives back the same incidents`, async () => {
      const { body, count: n } = await exportIncidents(a.db, format)
      assert.equal(n, SEED.length)
      const r = await importDataset(b.db, { format, bytes: enc(body), origin: `export.${format}` })
      assert.ok(r.ok, !r.ok ? r.error : '')
      assert.deepEqual(r.value.errors, [])
      assert.equal(r.value.imported, SEED.length)
      const before = new Map((await incidentViews(a.db, SEED.map((s) => s.id!))).map((v) => [v.id, carried(v, format)]))
      const afterwards = await incidentViews(b.db, r.value.incident_ids)
      assert.equal(afterwards.length, SEED.length)
      for (const v of afterwards) assert.deepEqual(carried(v, format), before.get(v.id), `${format} ${v.id}`)
      // importing the same export again adds nothing
      const again = await importDataset(b.db, { format, bytes: enc(body), origin: `export.${format}` })
      assert.ok(again.ok)
      assert.equal(again.value.imported, 0)
      assert.equal(again.value.skipped.length, SEED.length)
      // clear the target for the next format (imported incidents keep their ids)
      await b.db.deleteFrom('reports').where('incident_id', 'in', r.value.incident_ids).execute()
      await b.db.deleteFrom('incidents').where('id', 'in', r.value.incident_ids).execute()
    })
  }

  it('ACLED export has the 31 columns, precision codes and fatalities; UCDP has GED columns with low/best/high', async () => {
    const acled = parse((await exportIncidents(a.db, 'acled')).body, { columns: true }) as Record<string, string>[]
    assert.deepEqual(Object.keys(acled[0]!), [...ACLED_COLUMNS])
    assert.equal(ACLED_COLUMNS.length, 31)
    const two = acled.find((r) => r.event_id_cnty === 'inc_rt0002')!
    assert.equal(two.geo_precision, '2')
    assert.equal(two.time_precision, '2', 'a three-day range is within a week')
    assert.equal(two.actor1, 'Military Forces of Syria (2000-)')
    assert.equal(two.assoc_actor_1, 'Military Forces of Russia (2000-)')
    assert.equal(two.fatalities, '0', 'ACLED fatalities is the conservative count')
    assert.equal(two.source, `'@monitor_c; =HYPERLINK("http://x")`, 'a formula-like cell is guarded for spreadsheets')
    const ucdp = parse((await exportIncidents(a.db, 'ucdp')).body, { columns: true }) as Record<string, string>[]
    assert.deepEqual(Object.keys(ucdp[0]!), [...UCDP_COLUMNS])
    const one = ucdp.find((r) => r.id === 'inc_rt0001')!
    assert.deepEqual([one.low, one.best, one.high, one.where_prec, one.type_of_violence], ['7', '7', '9', '1', '3'])
    assert.equal(one.priogrid_gid, String(priogridGid(35.6521, 36.7073)))
    assert.equal(one.geom_wkt, 'POINT (36.7073 35.6521)')
    const three = ucdp.find((r) => r.id === 'inc_rt0003')!
    assert.equal(three.where_prec, '3', 'an admin centroid with a district is where_prec 3')
  })

  it('KML and HXL carry the incidents; no export carries sensitive fields', async () => {
    const kml = (await exportIncidents(a.db, 'kml')).body
    const doc = new XMLParser({ ignoreAttributes: false }).parse(kml) as { kml: { Document: { Placemark: { Point?: { coordinates: string } }[] } } }
    assert.equal(doc.kml.Document.Placemark.length, SEED.length)
    assert.ok(doc.kml.Document.Placemark.some((p) => p.Point?.coordinates === '36.7073,35.6521,0'))
    const hxl = parse((await exportIncidents(a.db, 'hxl')).body) as string[][]
    assert.equal(hxl.length, SEED.length + 2)
    for (const tag of ['#event+id', '#date', '#adm1+name', '#loc+name', '#geo+lat', '#geo+lon', '#geo+precision', '#affected+killed+min', '#affected+killed+max', '#affected+injured+min', '#actor+perpetrator', '#event+type', '#meta+source']) {
      assert.ok(hxl[1]!.includes(tag), tag)
    }
    for (const format of ['acled', 'ucdp', 'geojson', 'kml', 'hxl'] as const) {
      const { body } = await exportIncidents(a.db, format)
      assert.doesNotMatch(body, /Hidden Person Name|private reviewer remark/, format)
    }
  })

  it('applies the incident filters', async () => {
    const byPerp = JSON.parse((await exportIncidents(a.db, 'geojson', { perpetrator: ['hts', 'unknown'] })).body) as { features: { id: string }[] }
    assert.deepEqual(byPerp.features.map((f) => f.id).sort(), ['inc_rt0003', 'inc_rt0004'])
    const byDate = await exportIncidents(a.db, 'hxl', { from: '2018-09-09', to: '2018-09-30' })
    assert.equal(byDate.count, 1, 'the 8-10 September incident overlaps the period')
    const byBox = await exportIncidents(a.db, 'acled', { bbox: [36.5, 35.5, 36.8, 35.7] })
    assert.equal(byBox.count, 1)
  })
})

describe('import of monitors\' datasets and bad input', () => {
  it('imports the Airwars-style file with its grades, ranges and precision', async () => {
    const { text, rows, shared } = airwarsText()
    const r = await importDataset(b.db, { format: 'airwars', bytes: enc(text), origin: shared ? 'airwars_sample.csv' : 'fixture.csv' })
    assert.ok(r.ok, !r.ok ? r.error : '')
    assert.deepEqual(r.value.errors, [])
    assert.equal(r.value.imported, rows.length)
    const views = await incidentViews(b.db, r.value.incident_ids)
    const grades = (list: string[]) => list.reduce<Record<string, number>>((m, g) => ({ ...m, [g]: (m[g] ?? 0) + 1 }), {})
    assert.deepEqual(grades(views.map((v) => v.grade)), grades(rows.map((x) => x.grading!.toLowerCase())))
    const first = rows[0]!
    const rec = await b.db.selectFrom('import_records').selectAll().where('dataset', '=', 'airwars').where('external_id', '=', first.incident_code!).executeTakeFirstOrThrow()
    assert.equal(rec.line, 2)
    const v = views.find((x) => x.id === rec.incident_id)!
    assert.equal(v.date, first.incident_date)
    assert.equal(v.places[0]?.lat, Number(first.latitude))
    const num = (s: string | undefined) => (s ? Number(s) : null)
    assert.deepEqual(v.killed, { min: num(first.civilian_deaths_min), max: num(first.civilian_deaths_max) })
    assert.equal(v.perpetrator, first.belligerent === 'Russian Military' ? 'russia' : first.belligerent === 'U.S.-led Coalition' ? 'us_coalition' : 'unknown')
    const source = await b.db.selectFrom('sources').selectAll().where('id', '=', r.value.source_id).executeTakeFirstOrThrow()
    assert.equal(source.origin_kind, 'import')
    const report = await b.db.selectFrom('reports').select('event').where('incident_id', '=', v.id).executeTakeFirstOrThrow()
    const details = (typeof report.event === 'string' ? JSON.parse(report.event) : report.event) as { details: { row: Record<string, string>; dataset: string } }
    assert.equal(details.details.dataset, 'airwars')
    assert.equal(details.details.row.incident_code, first.incident_code, 'the row is kept with its report')
  })

  it('reports bad coordinates and dates by line, imports the good rows', async () => {
    const header = AIRWARS_FIXTURE.split('\n')[0]!
    const row = (code: string, date: string, lat: string, lon: string) =>
      `${code},${date},date,,Place ${code},,,Gov,${lat},${lon},town,Russian Military,Airstrike,,,Weak,1,2,,,,,1,Monitor,`
    const text = [
      header,
      row('BAD1', '2018-09-01', '95.5', '36.1'), // line 2
      row('OK1', '2018-09-02', '35.5', '36.1'), // line 3
      row('BAD2', '2018-02-30', '35.5', '36.1'), // line 4
      '', // line 5: blank, skipped
      row('BAD3', '2018-09-03', '35.5', ''), // line 6
      row('BAD4', 'yesterday', '35.5', '36.1'), // line 7
      row('OK2', '2018-09-04', '35.6', '36.2'), // line 8
      row('BAD5', '2018-09-05', 'north', '36.1'), // line 9
      'BAD6,2018-09-06,date', // line 10
    ].join('\n') + '\n'
    const incidentsBefore = await count(b, 'incidents')
    const r = await importDataset(b.db, { format: 'airwars', bytes: enc(text), origin: 'mixed.csv' })
    assert.ok(r.ok, !r.ok ? r.error : '')
    const s: ImportSummary = r.value
    assert.equal(s.imported, 2)
    assert.equal(await count(b, 'incidents'), incidentsBefore + 2)
    assert.deepEqual(s.errors, [
      { line: 2, message: 'latitude 95.5 is outside -90..90' },
      { line: 4, message: 'incident_date "2018-02-30" is not a date (expected YYYY-MM-DD)' },
      { line: 6, message: 'longitude is empty but latitude is not' },
      { line: 7, message: 'incident_date "yesterday" is not a date (expected YYYY-MM-DD)' },
      { line: 9, message: 'latitude "north" is not a number' },
      { line: 10, message: 'has 3 fields, the header has 25' },
    ])
  })

  it('a fatal error (missing column, unreadable file, not a FeatureCollection) imports nothing', async () => {
    const counts = async () => [await count(b, 'incidents'), await count(b, 'sources'), await count(b, 'reports')]
    const start = await counts()
    const noLat = AIRWARS_FIXTURE.replace('latitude,', 'lat,')
    const r1 = await importDataset(b.db, { format: 'airwars', bytes: enc(noLat), origin: 'nolat.csv' })
    assert.deepEqual(r1, { ok: false, error: 'Cannot import "nolat.csv" as airwars: missing required column latitude' })
    const r2 = await importDataset(b.db, { format: 'acled', bytes: enc(`${ACLED_COLUMNS.join(',')}\nX1,"2018-09-01,unclosed\n`), origin: 'broken.csv' })
    assert.ok(!r2.ok && /^Cannot import "broken.csv" as acled: not readable as CSV \(Quote Not Closed/.test(r2.error), !r2.ok ? r2.error : '')
    const semi = await importDataset(b.db, { format: 'airwars', bytes: enc(AIRWARS_FIXTURE.split('\n').slice(0, 3).join('\n').replace(/,/g, ';')), origin: 'semi.csv' })
    assert.ok(!semi.ok && semi.error.endsWith('(the file looks separated by semicolons or tabs, not commas)'), !semi.ok ? semi.error : '')
    const r3 = await importDataset(b.db, { format: 'geojson', bytes: enc('{"type":"Feature"}'), origin: 'one.geojson' })
    assert.ok(!r3.ok && r3.error.includes('not a GeoJSON FeatureCollection'))
    const r4 = await importDataset(b.db, { format: 'ucdp', bytes: new Uint8Array([0xff, 0xfe, 0x00]), origin: 'bin.csv' })
    assert.deepEqual(r4, { ok: false, error: 'Cannot import "bin.csv" as ucdp: not UTF-8 text' })
    assert.deepEqual(await counts(), start)
  })

  it('reads a genuine ACLED row through the mapping tables, and names bad GeoJSON features by number', async () => {
    const cells = (o: Partial<Record<(typeof ACLED_COLUMNS)[number], string>>) => ACLED_COLUMNS.map((c) => JSON.stringify(o[c] ?? '')).join(',')
    const text = [
      ACLED_COLUMNS.join(','),
      cells({ event_id_cnty: 'XYZ100', event_date: '14 September 2018', year: '2018', time_precision: '1', event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', actor1: 'Military Forces of Russia (2000-)', actor2: 'Civilians (Nowhere)', admin1: 'Region A', admin2: 'Area B', location: 'Some Village', latitude: '35.5', longitude: '36.5', geo_precision: '1', source: 'Monitor X; Monitor Y', notes: 'Russian warplanes dropped cluster munitions on a market in the village, killing 4 civilians.', fatalities: '4', country: 'Nowhere' }),
      cells({ event_id_cnty: 'XYZ101', event_date: '2018-09-15', sub_event_type: 'Shelling/artillery/missile attack', actor1: 'Military Forces of Syria (2000-)', assoc_actor_1: 'Military Forces of Russia (2000-)', location: 'Other Village', latitude: '35.6', longitude: '36.6', geo_precision: '2', fatalities: '0', notes: 'Shelling hit a school.' }),
    ].join('\n')
    const r = await importDataset(b.db, { format: 'acled', bytes: enc(text), origin: 'acled.csv' })
    assert.ok(r.ok, !r.ok ? r.error : '')
    assert.deepEqual(r.value.errors, [])
    const [x, y] = (await incidentViews(b.db, r.value.incident_ids)).sort((p, q) => (p.date ?? '').localeCompare(q.date ?? ''))
    assert.deepEqual([x?.date, x?.perpetrator, x?.weapon, x?.weapons, x?.targets, x?.killed, x?.reported_by, x?.places[0]?.precision],
      ['2018-09-14', 'russia', 'cluster_munition', ['cluster_munition', 'airstrike'], ['market'], { min: 4, max: 4 }, ['Monitor X', 'Monitor Y'], 1])
    assert.deepEqual([y?.perpetrator, y?.weapon, y?.targets, y?.places[0]?.precision], ['russia_or_syrian_government', 'shelling_artillery', ['school'], 2])
    // a later download of the dataset with a revised toll: reported, not applied over the existing record
    const revised = await importDataset(b.db, { format: 'acled', bytes: enc(text.replace(/"4","",/, '"6","",')), origin: 'acled-later.csv' })
    assert.ok(revised.ok)
    assert.equal(revised.value.imported, 0)
    assert.deepEqual(revised.value.skipped.map((k) => [k.line, k.reason]), [
      [2, 'already imported from acled; the dataset has revised it since (killed 4-4 → 6-6): not applied, review it'],
      [3, 'already imported from acled'],
    ])
    // the country the row carried goes back out, though incidents have no country of their own
    const out = parse((await exportIncidents(b.db, 'acled', { from: '2018-09-14', to: '2018-09-14' })).body, { columns: true }) as Record<string, string>[]
    assert.deepEqual(out.filter((r) => r.location === 'Some Village').map((r) => [r.country, r.geo_precision, r.fatalities]), [['Nowhere', '1', '4']])

    // a GED row as UCDP writes it: datetime stamps, integer ids, low/best/high
    const ged = (o: Partial<Record<(typeof UCDP_COLUMNS)[number], string>>) => UCDP_COLUMNS.map((c) => JSON.stringify(o[c] ?? '')).join(',')
    const gedText = [UCDP_COLUMNS.join(','),
      ged({ id: '244970', relid: 'SYR-2018-1-1-99', year: '2018', type_of_violence: '3', side_a: 'Government of Syria', side_b: 'Civilians', number_of_sources: '2',
        source_headline: 'Barrel bombs hit a bakery', source_original: 'Monitor Q;Monitor R', where_prec: '4', where_coordinates: 'Some governorate', adm_1: 'Gov Q',
        latitude: '35.2', longitude: '36.9', date_prec: '1', date_start: '2018-09-20 00:00:00.000', date_end: '2018-09-20 00:00:00.000', best: '6', low: '5', high: '11', country: 'Nowhere' }),
      ged({ id: '244971', side_a: 'IS', latitude: '35.2', longitude: '36.9', date_start: '2018-09-21', date_end: '2018-09-19', best: '1' }),
    ].join('\n')
    const u = await importDataset(b.db, { format: 'ucdp', bytes: enc(gedText), origin: 'ged.csv' })
    assert.ok(u.ok)
    assert.deepEqual(u.value.errors, [{ line: 3, message: 'date_end 2018-09-19 is before date_start 2018-09-21' }])
    const [g1] = await incidentViews(b.db, u.value.incident_ids)
    assert.deepEqual([g1?.date, g1?.date_end, g1?.perpetrator, g1?.weapon, g1?.targets, g1?.killed, g1?.places[0]?.precision, g1?.reported_by, g1?.independent_sources],
      ['2018-09-20', null, 'syrian_government', 'barrel_bomb', ['bakery'], { min: 5, max: 11 }, 3, ['Monitor Q', 'Monitor R'], 2])

    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', id: 'g1', geometry: { type: 'Point', coordinates: [36.1, 35.1] }, properties: { date: '2018-09-01', perpetrator: 'turkey', killed_min: 1, killed_max: 2 } },
      { type: 'Feature', id: 'g2', geometry: { type: 'Point', coordinates: [200, 35.1] }, properties: { date: '2018-09-01' } },
      { type: 'Feature', id: 'g3', geometry: { type: 'Point', coordinates: [36.1, 35.1] }, properties: { date: '2018-13-01' } },
      { type: 'Feature', id: 'g4', geometry: { type: 'Point', coordinates: [36.1, 35.1] }, properties: { perpetrator: 'martians' } },
      { type: 'Feature', id: 'g5', geometry: { type: 'Point', coordinates: [36.1, 35.1] }, properties: { killed_min: 5, killed_max: 2 } },
    ] }
    const g = await importDataset(b.db, { format: 'geojson', bytes: enc(JSON.stringify(fc)), origin: 'points.geojson' })
    assert.ok(g.ok)
    assert.equal(g.value.imported, 1)
    assert.deepEqual(g.value.errors.map((e) => e.line), [2, 3, 4, 5])
    assert.match(g.value.errors[0]!.message, /longitude \(coordinates\[0\]\) 200 is outside -180\.\.180/)
    assert.match(g.value.errors[2]!.message, /^property perpetrator:/)
    assert.equal(g.value.errors[3]!.message, 'killed min 5 is greater than max 2')
  })
})
