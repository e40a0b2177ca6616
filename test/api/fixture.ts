/**
 * A small world for API and browser tests, written straight into the store: three sources in
 * our own words (one hostile), their reports with evidence spans, three incidents, and users
 * of each role with passwords and tokens.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { point, type Store } from '../../src/store/index.ts'
import { sourceIdFor, reportIdFor } from '../../src/domain/index.ts'
import { createUserWithPassword, issueToken } from '../../src/api/auth.ts'

export const VICTIM = 'Rami Haddoush'
export const HOSTILE = `Statement from a local council. <script>window.__pwned = 1; console.log('PWNED-SCRIPT')</script>
Shelling hit the market "><img src=x onerror="window.__pwned=2;console.log('PWNED-IMG')"> at noon,
see <a href="javascript:window.__pwned=3">the council page</a> and javascript:alert(1). Two people were killed.`

interface SeedSource { text: string; outlet: string; published: string; title: string }
export const SOURCES: SeedSource[] = [
  { outlet: 'Test Monitor', published: '2018-09-04', title: 'Airstrike on Kafr Testa',
    text: `On 4 September 2018 an airstrike hit the village of Kafr Testa in southern Idlib. Five civilians were killed, among them ${VICTIM}, and 12 were injured.` },
  { outlet: 'Second Outlet', published: '2018-09-05', title: 'Barrel bombs on Tell Sample',
    text: 'Barrel bombs dropped by helicopters struck Tell Sample on 4 September 2018; 3 people were killed.' },
  { outlet: 'Council', published: '2018-09-10', title: 'Market shelled', text: HOSTILE },
]

export interface Fixture {
  sourceIds: string[]
  reportIds: string[]
  incidentIds: string[]
  tokens: { admin: string; editor: string; analyst: string; viewer: string }
  passwords: Record<'admin' | 'editor' | 'analyst' | 'viewer', string>
}

function span(text: string, needle: string, field: string) {
  const start = text.indexOf(needle)
  if (start < 0) throw new Error(`fixture: "${needle}" not in text`)
  return { field, start, end: start + needle.length }
}

export async function seedFixture(store: Store, home: string): Promise<Fixture> {
  const db = store.db
  const sourceIds: string[] = []
  for (const s of SOURCES) {
    const bytes = Buffer.from(s.text, 'utf8')
    const sha = createHash('sha256').update(bytes).digest('hex')
    const id = sourceIdFor(sha)
    const dir = join(home, 'evidence', sha.slice(0, 2), sha.slice(2, 4))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, sha), bytes)
    await db.insertInto('sources').values({
      id, sha256: sha, media_type: 'text/plain', byte_size: bytes.length, origin_kind: 'file', origin: `${s.title}.txt`, url: null,
      http_status: null, http_headers: null, retrieved_at: '2018-09-11T00:00:00Z', tool_version: 'test', published: s.published,
      title: s.title, outlet: s.outlet, previous_version_id: null, meta: {},
    }).execute()
    await db.insertInto('source_texts').values({ source_id: id, text: s.text, deriver: 'plain', lang: 'en' }).execute()
    sourceIds.push(id)
  }
  const [s0, s1, s2] = SOURCES as [SeedSource, SeedSource, SeedSource]
  const incidents = [
    { id: 'inc_a1', date: '2018-09-04', perpetrator: 'russia', weapon: 'airstrike', targets: ['residential'], lat: 35.6, lon: 36.6, precision: 1, admin1: 'Idlib', admin2: 'Maarrat An Nu\'man', killed: [5, 5], injured: [12, 12], place: 'Kafr Testa', sensitive: { victims: [{ name: VICTIM }], reviewer_notes: 'called the family' } },
    { id: 'inc_b2', date: '2018-09-04', perpetrator: 'syrian_government', weapon: 'barrel_bomb', targets: ['residential'], lat: 35.45, lon: 36.65, precision: 2, admin1: 'Idlib', admin2: 'Idlib', killed: [3, 3], injured: [null, null], place: 'Tell Sample', sensitive: {} },
    { id: 'inc_c3', date: '2018-09-10', perpetrator: 'unknown', weapon: 'shelling_artillery', targets: ['market'], lat: 35.9, lon: 36.7, precision: 3, admin1: 'Idlib', admin2: 'Ariha', killed: [2, 2], injured: [null, null], place: 'Market town', sensitive: {} },
  ] as const
  const evidence = [
    [span(s0.text, 'airstrike', 'weapon'), span(s0.text, 'Five', 'killed'), span(s0.text, '12', 'injured'), span(s0.text, 'Kafr Testa', 'places'), span(s0.text, '4 September 2018', 'date')],
    [span(s1.text, 'Barrel bombs', 'weapon'), span(s1.text, '3', 'killed'), span(s1.text, 'Tell Sample', 'places')],
    [span(s2.text, 'Shelling', 'weapon'), span(s2.text, 'Two', 'killed')],
  ]
  const reportIds: string[] = []
  for (const [k, inc] of incidents.entries()) {
    await db.insertInto('incidents').values({
      id: inc.id, date: inc.date, date_end: inc.date, event_type: 'Explosions/Remote violence', sub_event_type: inc.weapon === 'shelling_artillery' ? 'Shelling/artillery/missile attack' : 'Air/drone strike',
      perpetrator: inc.perpetrator, weapon: inc.weapon, weapons: [inc.weapon], targets: [...inc.targets],
      places: [{ name: inc.place, lat: inc.lat, lon: inc.lon, precision: inc.precision, admin1: inc.admin1, place_id: null }],
      geom: point(inc.lat, inc.lon), precision: inc.precision, admin1: inc.admin1, admin2: inc.admin2,
      killed_min: inc.killed[0], killed_max: inc.killed[1], injured_min: inc.injured[0], injured_max: inc.injured[1],
      children_killed_min: null, children_killed_max: null, grade: 'weak', grade_reasons: ['one source'], reported_by: [SOURCES[k]!.outlet],
      independent_sources: 1, sensitive: inc.sensitive,
    }).execute()
    const rid = reportIdFor(sourceIds[k]!, 0)
    reportIds.push(rid)
    await db.insertInto('reports').values({
      id: rid, source_id: sourceIds[k]!, seq: 0, extractor: 'test', incident_id: inc.id,
      event: { date: inc.date, perpetrator: inc.perpetrator, weapon: inc.weapon, killed: { min: inc.killed[0], max: inc.killed[1] }, victims: k === 0 ? [{ name: VICTIM }] : [], evidence: evidence[k], places: [{ text: inc.place }] },
      date: inc.date, date_end: inc.date, perpetrator: inc.perpetrator, weapon: inc.weapon, targets: [...inc.targets], geom: point(inc.lat, inc.lon), precision: inc.precision, admin1: inc.admin1,
      killed_min: inc.killed[0], killed_max: inc.killed[1], injured_min: inc.injured[0], injured_max: inc.injured[1],
    }).execute()
  }
  const passwords = { admin: 'admin-pass-1', editor: 'editor-pass-1', analyst: 'analyst-pass-1', viewer: 'viewer-pass-1' }
  const tokens = {} as Fixture['tokens']
  for (const role of ['admin', 'editor', 'analyst', 'viewer'] as const) {
    const u = await createUserWithPassword(db, `${role}1`, role, passwords[role])
    tokens[role] = await issueToken(db, u.id, 'test')
  }
  return { sourceIds, reportIds, incidentIds: incidents.map((i) => i.id), tokens, passwords }
}
