/** Helpers for resolution and review tests: contract-shaped events stored as sources + reports. */
import { createHash } from 'node:crypto'
import { point, type Store } from '../../src/store/index.ts'
import { reportIdFor, sourceIdFor } from '../../src/domain/index.ts'

export interface TestEvent {
  date: string | null
  date_end?: string | null
  event_type?: string
  sub_event_type?: string
  kind?: string
  perpetrator?: string
  weapon?: string
  weapons?: string[]
  targets?: string[]
  places: { text: string; lat: number | null; lon: number | null; admin1: string | null; admin2?: string | null; precision: 1 | 2 | 3; place_id?: string | null }[]
  killed?: { min: number | null; max: number | null } | null
  injured?: { min: number | null; max: number | null } | null
  victims?: { name: string }[]
  reported_by?: string[]
}

export function eventOf(e: TestEvent): Record<string, unknown> {
  return {
    date: e.date, date_end: e.date_end ?? null, event_type: e.event_type ?? 'Explosions/Remote violence', sub_event_type: e.sub_event_type ?? 'Air/drone strike',
    ...(e.kind ? { kind: e.kind } : {}),
    perpetrator: e.perpetrator ?? 'russia', weapon: e.weapon ?? 'airstrike', weapons: e.weapons ?? [e.weapon ?? 'airstrike'], targets: e.targets ?? [],
    places: e.places, killed: e.killed ?? null, injured: e.injured ?? null, children_killed: null, victims: e.victims ?? [],
    reported_by: e.reported_by ?? [], evidence: [{ field: 'date', start: 0, end: 4 }], confidence: 0.8,
  }
}

/** Stores one source (outlet, published, text) with its events as reports; returns the report ids. */
export async function addSource(store: Store, opts: { name: string; outlet: string; published: string; text?: string; events: TestEvent[] }): Promise<string[]> {
  const sha = createHash('sha256').update(opts.name).digest('hex')
  const sourceId = sourceIdFor(sha)
  await store.db.insertInto('sources').values({
    id: sourceId, sha256: sha, media_type: 'text/plain', byte_size: 10, origin_kind: 'file', origin: opts.name, url: `https://example.org/${opts.name}`,
    http_status: null, http_headers: null, retrieved_at: new Date().toISOString(), tool_version: 'test', published: opts.published,
    title: opts.name, outlet: opts.outlet, previous_version_id: null, meta: {},
  }).execute()
  await store.db.insertInto('source_texts').values({ source_id: sourceId, text: opts.text ?? opts.name, deriver: 'plain', lang: 'en' }).execute()
  const ids: string[] = []
  for (const [i, e] of opts.events.entries()) {
    const id = reportIdFor(sourceId, i)
    const p = e.places[0]
    await store.db.insertInto('reports').values({
      id, source_id: sourceId, seq: i, extractor: 'test/1', event: JSON.stringify(eventOf(e)), date: e.date, date_end: e.date_end ?? null,
      event_type: e.event_type ?? 'Explosions/Remote violence', sub_event_type: e.sub_event_type ?? 'Air/drone strike', perpetrator: e.perpetrator ?? 'russia', weapon: e.weapon ?? 'airstrike',
      targets: e.targets ?? [], killed_min: e.killed?.min ?? null, killed_max: e.killed?.max ?? null, injured_min: null, injured_max: null,
      geom: point(p?.lat, p?.lon), precision: p?.precision ?? null, admin1: p?.admin1 ?? null,
    }).execute()
    ids.push(id)
  }
  return ids
}

export const HASS = { text: 'Hass', lat: 35.6108, lon: 36.5989, admin1: 'Idlib', admin2: "Ma'arrat An Nu'man", precision: 1 as const, place_id: 'C4001' }
export const KAFRANBEL = { text: 'Kafr Nabl', lat: 35.6136, lon: 36.5617, admin1: 'Idlib', admin2: "Ma'arrat An Nu'man", precision: 1 as const, place_id: 'C4002' }
export const MHAMBEL = { text: 'Mhambel', lat: 35.7844, lon: 36.4689, admin1: 'Idleb', admin2: 'Ariha', precision: 1 as const, place_id: 'C4330' }
export const SARAQIB = { text: 'Saraqib', lat: 35.8644, lon: 36.8006, admin1: 'Idlib', admin2: 'Idlib', precision: 1 as const, place_id: 'C4100' }
