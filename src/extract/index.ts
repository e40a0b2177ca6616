/**
 * Extraction: from a report's text to contract-shaped events (`harmwatch.extract/1`), every
 * value with evidence spans into the text the extractor saw. `extract()` is pure and takes
 * its geocoder injected; `extractSources()` is the pipeline stage that reads stored source
 * texts and writes each event as a report (one source's claim), idempotently.
 *
 * @example
 * const geocoder = loadGeocoder()
 * const { events } = extract('Russian jets struck Kafr Nabl on Monday, killing 4.', { published: '2019-05-06', ...placeServices(geocoder) })
 */
import { errorMessage, reportIdFor, type ExtractedEvent } from '../domain/index.ts'
import { interpretRelative, loadGeocoder, loadGeocoderFromStore, normaliseName, type Geocoder } from '../geocode/index.ts'
import { point, type Store } from '../store/index.ts'
import type { ExtractGeocoder, NameNormaliser, RelativeReader } from './geocoder-port.ts'
import { extract } from './extract-events.ts'
import { checkText } from './text-input.ts'

export { extract, extractDetailed, acledTypes, type ExtractOptions, type ExtractDetail } from './extract-events.ts'
export type { ExtractGeocoder, RelativeReader, RelativeReading, NameNormaliser, PlaceServices } from './geocoder-port.ts'
export { checkBytes, checkText, prepareText, htmlToText, detectLanguage, type PreparedText, type Language } from './text-input.ts'
export { readDates, type DateMention } from './dates.ts'
export { readCasualties, tokenize, type CasualtyGroup } from './casualties.ts'

/** The extractor's name in `reports.extractor`; bump when its output changes meaning. */
export const EXTRACTOR = 'rules/1'

/** The real geocoder bound for the extractor: recogniser, relative phrases and name keys. */
export function placeServices(geocoder: Geocoder): { geocoder: ExtractGeocoder; relative: RelativeReader; normaliseName: NameNormaliser } {
  return {
    geocoder,
    relative: (phrase, options) => interpretRelative(geocoder, phrase, options?.admin1 ? { admin1: options.admin1 } : {}),
    normaliseName,
  }
}

let bundled: Geocoder | undefined
/** The bundled gazetteer's geocoder, loaded once per process. */
export function defaultGeocoder(): Geocoder {
  bundled ??= loadGeocoder()
  return bundled
}

const fromStore = new WeakMap<Store, Promise<Geocoder>>()

export interface ExtractSourcesResult {
  sources: number
  reports: number
  failed: { source_id: string; error: string }[]
}

const REVIEWED = ['accepted', 'corrected', 'rejected']

/**
 * Extracts every given source (default: those without reports) and stores its events as
 * reports. Re-running replaces a source's unreviewed reports and keeps the reviewed ones;
 * one bad source is one failed entry and the rest go on.
 */
export async function extractSources(store: Store, sourceIds?: readonly string[]): Promise<ExtractSourcesResult> {
  let geoPromise = fromStore.get(store)
  if (!geoPromise) {
    geoPromise = loadGeocoderFromStore(store).catch(() => defaultGeocoder())
    fromStore.set(store, geoPromise)
  }
  const services = placeServices(await geoPromise)
  let q = store.db.selectFrom('source_texts').innerJoin('sources', 'sources.id', 'source_texts.source_id').select(['sources.id as id', 'source_texts.text as text', 'sources.published as published', 'source_texts.lang as lang'])
  if (sourceIds) {
    if (sourceIds.length === 0) return { sources: 0, reports: 0, failed: [] }
    q = q.where('sources.id', 'in', [...sourceIds])
  } else {
    q = q.where(({ not, exists, selectFrom }) => not(exists(selectFrom('reports').select('reports.id').whereRef('reports.source_id', '=', 'sources.id'))))
  }
  const rows = await q.orderBy('sources.id').execute()
  const result: ExtractSourcesResult = { sources: 0, reports: 0, failed: [] }
  for (const row of rows) {
    result.sources++
    try {
      const checked = checkText(row.text, row.id)
      if (!checked.ok) throw new Error(checked.error)
      const published = row.published ? String(row.published).slice(0, 10) : null
      const lang = row.lang === 'ar' ? 'ar' : 'auto'
      const { events } = extract(row.text, { published, ...services, lang })
      result.reports += await saveReports(store, row.id, events)
    } catch (e) {
      result.failed.push({ source_id: row.id, error: `Cannot extract source "${row.id}": ${errorMessage(e)}` })
    }
  }
  return result
}

/** Replaces one source's unreviewed reports with `events`; reviewed reports stay. Returns the number written. */
export async function saveReports(store: Store, sourceId: string, events: readonly ExtractedEvent[]): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('reports').where('source_id', '=', sourceId).where('status', 'not in', REVIEWED).execute()
    const kept = (await trx.selectFrom('reports').select(['seq', 'date', 'event_type', 'event']).where('source_id', '=', sourceId).execute()).map((k) => ({ ...k, place: firstPlace(k.event) }))
    const taken = new Set(kept.map((k) => k.seq))
    let seq = 0
    let written = 0
    for (const ev of events) {
      // an analyst already reviewed this claim: keep their version, do not add it twice
      if (kept.some((k) => k.date === ev.date && k.event_type === ev.event_type && k.place === (ev.places[0]?.text ?? null))) continue
      do seq++
      while (taken.has(seq))
      const first = ev.places.find((p) => p.lat !== null && p.lon !== null)
      await trx.insertInto('reports').values({
        id: reportIdFor(sourceId, seq),
        source_id: sourceId,
        seq,
        extractor: EXTRACTOR,
        event: JSON.stringify(ev),
        date: ev.date,
        date_end: ev.date_end,
        event_type: ev.event_type,
        sub_event_type: ev.sub_event_type,
        perpetrator: ev.perpetrator,
        weapon: ev.weapon,
        targets: ev.targets,
        killed_min: ev.killed?.min ?? null,
        killed_max: ev.killed?.max ?? null,
        injured_min: ev.injured?.min ?? null,
        injured_max: ev.injured?.max ?? null,
        geom: point(first?.lat, first?.lon),
        precision: first?.precision ?? ev.places[0]?.precision ?? null,
        admin1: first?.admin1 ?? ev.places[0]?.admin1 ?? null,
      }).execute()
      written++
    }
    return written
  })
}

function firstPlace(event: unknown): string | null {
  const e = (typeof event === 'string' ? JSON.parse(event) : event) as { places?: { text?: unknown }[] } | null
  const t = e?.places?.[0]?.text
  return typeof t === 'string' ? t : null
}
