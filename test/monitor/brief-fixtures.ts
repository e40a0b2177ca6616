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

/**
 * The demo corpus (demo/idlib-2018) as the pipeline should leave it: one source per report
 * file (front matter: outlet, published, title, url) and the 20 incidents of
 * `expected-incidents.json`, each with a report per file that tells of it. Stands in for
 * ingest + extract + resolve in monitor tests.
 */
export async function loadDemoCorpus(db: Kysely<Database>): Promise<{ incidents: number; sources: number }> {
  const { readFileSync, readdirSync } = await import('node:fs')
  const { createHash } = await import('node:crypto')
  const { parse } = await import('yaml')
  const root = new URL('../../demo/idlib-2018/', import.meta.url).pathname
  const sourceOf = new Map<string, { id: string; outlet: string }>()
  for (const file of readdirSync(root).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
    const bytes = readFileSync(root + file)
    const sha = createHash('sha256').update(bytes).digest('hex')
    const front = parse(/^---\n([\s\S]*?)\n---/.exec(bytes.toString('utf8'))?.[1] ?? '') as { outlet?: string; published?: string; title?: string; url?: string }
    const id = `src_${sha.slice(0, 16)}`
    await db.insertInto('sources').values({
      id, sha256: sha, media_type: 'text/markdown', byte_size: bytes.length, origin_kind: 'file', origin: `demo/idlib-2018/${file}`,
      url: front.url ?? null, http_status: null, http_headers: null, retrieved_at: '2026-01-01T00:00:00Z', tool_version: 'test',
      published: front.published ? String(front.published).slice(0, 10) : null, title: front.title ?? null, outlet: front.outlet ?? null,
      previous_version_id: null, meta: {},
    }).execute()
    sourceOf.set(file, { id, outlet: front.outlet ?? 'unknown' })
  }
  interface Expected {
    key: string; date: string; date_end: string | null; place: string; lat: number; lon: number; admin1: string; precision: number
    event_type: string; sub_event_type: string; perpetrator: string; weapon: string; weapons: string[]; targets: string[]
    killed: { min: number | null; max: number | null } | null; injured: { min: number | null; max: number | null } | null
    children_killed: { min: number | null; max: number | null } | null; files: string[]
  }
  const expected = JSON.parse(readFileSync(root + 'expected-incidents.json', 'utf8')) as Expected[]
  const seq = new Map<string, number>()
  for (const e of expected) {
    const id = `inc_${e.key.replace(/[^a-z0-9]/g, '')}`
    const outlets = [...new Set(e.files.map((f) => sourceOf.get(f)!.outlet))]
    await db.insertInto('incidents').values({
      id, date: e.date, date_end: e.date_end, event_type: e.event_type, sub_event_type: e.sub_event_type,
      perpetrator: e.perpetrator, weapon: e.weapon, weapons: e.weapons, targets: e.targets,
      places: JSON.stringify([{ name: e.place, lat: e.lat, lon: e.lon, precision: e.precision, admin1: e.admin1 }]),
      geom: point(e.lat, e.lon), precision: e.precision, admin1: e.admin1, admin2: null,
      killed_min: e.killed?.min ?? null, killed_max: e.killed?.max ?? null, injured_min: e.injured?.min ?? null, injured_max: e.injured?.max ?? null,
      children_killed_min: e.children_killed?.min ?? null, children_killed_max: e.children_killed?.max ?? null,
      grade: e.files.length > 1 ? 'fair' : 'weak', grade_reasons: '[]', reported_by: outlets, independent_sources: outlets.length, sensitive: '{}',
    }).execute()
    for (const f of e.files) {
      const src = sourceOf.get(f)!
      const n = seq.get(src.id) ?? 0
      seq.set(src.id, n + 1)
      await db.insertInto('reports').values({
        id: `rep_${src.id.slice(4)}_${n}`, source_id: src.id, seq: n, extractor: 'test', event: JSON.stringify({ date: e.date }),
        date: e.date, perpetrator: e.perpetrator, weapon: e.weapon, targets: e.targets, geom: point(e.lat, e.lon), incident_id: id,
      }).execute()
    }
  }
  return { incidents: expected.length, sources: sourceOf.size }
}
