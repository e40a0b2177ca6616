/**
 * Incidents of the Idlib pocket, 4-10 September 2018, as the seed article reports them (dates,
 * places, tolls and who reported them), written straight into the incidents table with one
 * source and one report each, so monitor tests do not depend on extraction and resolution.
 * `extra` adds made-up incidents (clearly named "test-") for cases the article lacks.
 */
import type { Kysely } from 'kysely'
import { point, type Database } from '../../src/store/index.ts'

export interface FixtureIncident {
  id: string
  date: string
  date_end?: string
  perpetrator: string
  weapon: string
  weapons?: string[]
  targets: string[]
  place: string
  lat: number
  lon: number
  admin1: string
  precision?: 1 | 2 | 3
  killed?: [number | null, number | null]
  injured?: [number | null, number | null]
  children?: [number | null, number | null]
  reported_by: string[]
  site_name?: string
  status?: 'unreviewed' | 'reviewed' | 'rejected'
}

export const SEED_INCIDENTS: FixtureIncident[] = [
  { id: 'inc_basatin', date: '2018-09-04', perpetrator: 'russia', weapon: 'airstrike', targets: ['residential'], place: 'al Basatin', lat: 35.814, lon: 36.32, admin1: 'Idlib', precision: 2, killed: [5, null], children: [5, null], reported_by: ['SNHR'] },
  { id: 'inc_jisr', date: '2018-09-04', perpetrator: 'russia', weapon: 'airstrike', targets: ['residential'], place: 'Jisr al-Shughur', lat: 35.8143, lon: 36.3198, admin1: 'Idlib', killed: [2, 2], reported_by: ['SNHR'] },
  { id: 'inc_mhambel', date: '2018-09-04', perpetrator: 'russia', weapon: 'airstrike', targets: ['residential'], place: 'Mhambel', lat: 35.7844, lon: 36.4689, admin1: 'Idlib', killed: [2, 2], reported_by: ['SNHR'] },
  { id: 'inc_badriya', date: '2018-09-04', perpetrator: 'russia', weapon: 'airstrike', targets: ['school'], place: 'Al Badriya', lat: 35.8341, lon: 36.2199, admin1: 'Idlib', reported_by: ['SNHR'], site_name: 'Al Badriya Primary School' },
  { id: 'inc_tamana', date: '2018-09-06', perpetrator: 'russia_or_syrian_government', weapon: 'airstrike', targets: ['civil_defence'], place: "Taman'a", lat: 35.4585, lon: 36.7478, admin1: 'Idlib', reported_by: [] },
  { id: 'inc_south13', date: '2018-09-07', date_end: '2018-09-10', perpetrator: 'russia_or_syrian_government', weapon: 'cluster_munition', weapons: ['cluster_munition', 'barrel_bomb'], targets: ['residential'], place: 'al-Tah', lat: 35.5395, lon: 36.7254, admin1: 'Idlib', killed: [14, null], injured: [35, null], reported_by: ['Amnesty'] },
  { id: 'inc_lataminah', date: '2018-09-08', perpetrator: 'syrian_government', weapon: 'barrel_bomb', targets: [], place: 'Al-Lataminah', lat: 35.322, lon: 36.6234, admin1: 'Hama', reported_by: [] },
  { id: 'inc_hass', date: '2018-09-08', perpetrator: 'syrian_government', weapon: 'airstrike', targets: ['hospital_medical'], place: 'Hass', lat: 35.6163, lon: 36.5934, admin1: 'Idlib', reported_by: [], site_name: 'Hass underground hospital' },
]

export const SEED_SOURCE = {
  id: 'src_5eed5eed5eed5eed', outlet: 'Syria Notes', title: 'Death and life in the Idlib pocket', published: '2018-10-15',
  url: 'https://example.org/syria-notes/autumn-2018/idlib-pocket',
}

export async function insertIncidents(db: Kysely<Database>, incidents: FixtureIncident[], source = SEED_SOURCE): Promise<void> {
  await db.insertInto('sources').values({
    id: source.id, sha256: source.id.slice(4).padEnd(64, '0'), media_type: 'text/plain', byte_size: 1, origin_kind: 'file', origin: 'seed.txt',
    url: source.url, http_status: null, http_headers: null, retrieved_at: '2026-01-01T00:00:00Z', tool_version: 'test', published: source.published,
    title: source.title, outlet: source.outlet, previous_version_id: null, meta: {},
  }).onConflict((oc) => oc.doNothing()).execute()
  const seqBase = Number((await db.selectFrom('reports').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  for (const [n, f] of incidents.entries()) {
    await db.insertInto('incidents').values({
      id: f.id, date: f.date, date_end: f.date_end ?? null, event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike',
      perpetrator: f.perpetrator, weapon: f.weapon, weapons: f.weapons ?? [f.weapon], targets: f.targets,
      places: JSON.stringify([{ name: f.place, lat: f.lat, lon: f.lon, precision: f.precision ?? 1, admin1: f.admin1 }]),
      geom: point(f.lat, f.lon), precision: f.precision ?? 1, admin1: f.admin1, admin2: null,
      killed_min: f.killed?.[0] ?? null, killed_max: f.killed?.[1] ?? null, injured_min: f.injured?.[0] ?? null, injured_max: f.injured?.[1] ?? null,
      children_killed_min: f.children?.[0] ?? null, children_killed_max: f.children?.[1] ?? null,
      grade: 'fair', grade_reasons: '[]', reported_by: f.reported_by, independent_sources: 1, status: f.status ?? 'unreviewed', sensitive: '{}',
    }).execute()
    const seq = seqBase + n
    await db.insertInto('reports').values({
      id: `rep_${source.id.slice(4)}_${seq}`, source_id: source.id, seq, extractor: 'test',
      event: JSON.stringify({ date: f.date, details: f.site_name ? { site_name: f.site_name } : {} }),
      date: f.date, perpetrator: f.perpetrator, weapon: f.weapon, targets: f.targets, geom: point(f.lat, f.lon), incident_id: f.id,
    }).execute()
  }
}
