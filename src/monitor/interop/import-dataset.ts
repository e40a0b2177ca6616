/**
 * Importing a dataset file: the file itself becomes one source (origin_kind 'import',
 * content-addressed, kept byte-for-byte in the evidence store when a workspace is given,
 * its text kept), each good row a report (the contract-shaped event
 * plus the row as read) and an incident of its own, graded with the dataset's grade when
 * it has one (Airwars; our own exports) and 'weak' otherwise. Imported incidents are
 * written directly rather than through resolution, because a curated dataset row is
 * already one incident; merging them with incidents from news reports is the
 * reviewer's call. Rows already imported (same dataset id) are skipped, so importing a
 * file twice adds nothing. Bad rows are reported by line and left out; a fatal problem
 * (unreadable file, missing required column) imports nothing.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { IncidentId, err, newIncidentId, ok, reportIdFor, sourceIdFor, type Result } from '../../domain/index.ts'
import { TOOL_VERSION } from '../../config.ts'
import { point, type Database } from '../../store/index.ts'
import type { DatasetFormat, DatasetRecord, ParsedDataset, RowError } from './dataset-record.ts'
import { parseAcled } from './acled-format.ts'
import { parseUcdp } from './ucdp-format.ts'
import { parseAirwars } from './airwars-format.ts'
import { parseGeoJson } from './geojson-format.ts'
import { putEvidence } from '../../ingest/evidence-store.ts'
import { appendAudit } from '../../review/index.ts'

type Db = Kysely<Database>

export interface ImportOptions {
  format: DatasetFormat
  /** the file's bytes */
  bytes: Uint8Array
  /** the file as named by the user (path or upload name), kept as the source's origin */
  origin: string
  /** workspace folder: when given, the file is kept byte-for-byte in its evidence store like any original */
  home?: string | undefined
  /** who imports, for the audit log @default 'system' */
  actor?: string | undefined
  now?: () => Date
}

export interface ImportSummary {
  format: DatasetFormat
  origin: string
  source_id: string
  /** data rows read (good and bad) */
  rows: number
  imported: number
  incident_ids: string[]
  skipped: { line: number; external_id: string; reason: string }[]
  errors: RowError[]
}

const PARSERS: Record<DatasetFormat, (text: string) => ParsedDataset> = {
  acled: parseAcled, ucdp: parseUcdp, airwars: parseAirwars, geojson: parseGeoJson,
}

const MEDIA: Record<DatasetFormat, string> = { acled: 'text/csv', ucdp: 'text/csv', airwars: 'text/csv', geojson: 'application/geo+json' }

/** Where an error is in the file: lines for CSV, feature numbers for GeoJSON. */
export function whereIn(format: DatasetFormat, line: number): string {
  return format === 'geojson' ? `feature ${line}` : `line ${line}`
}

/** Reads `bytes` as `format` and stores its good rows; every row problem is in `errors`. */
export async function importDataset(db: Db, opts: ImportOptions): Promise<Result<ImportSummary>> {
  const { format, origin } = opts
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(opts.bytes)
  } catch {
    return err(`Cannot import "${origin}" as ${format}: not UTF-8 text`)
  }
  const parsed = PARSERS[format](text)
  if (!parsed.ok) return err(`Cannot import "${origin}" as ${format}: ${parsed.error}`)
  const sha256 = createHash('sha256').update(opts.bytes).digest('hex')
  const sourceId = sourceIdFor(sha256)
  const records = parsed.rows.flatMap((r) => (r.ok ? [r.record] : []))
  const summary: ImportSummary = {
    format, origin, source_id: sourceId, rows: parsed.rows.length, imported: 0, incident_ids: [], skipped: [],
    errors: parsed.rows.flatMap((r) => (r.ok ? [] : [r.error])),
  }
  // The same id twice in one file: the first row wins, the others are reported.
  const firstLine = new Map<string, number>()
  const unique: DatasetRecord[] = []
  for (const r of records) {
    const seen = firstLine.get(r.external_id)
    if (seen !== undefined) summary.errors.push({ line: r.line, message: `id "${r.external_id}" repeats ${whereIn(format, seen)}` })
    else { firstLine.set(r.external_id, r.line); unique.push(r) }
  }
  summary.errors.sort((a, b) => a.line - b.line)
  const now = (opts.now ?? (() => new Date()))().toISOString()

  // Content-addressed, so writing it before the rows are committed can only leave a spare copy, never a wrong one.
  if (opts.home && unique.length > 0) await putEvidence(opts.home, sha256, opts.bytes)

  await db.transaction().execute(async (trx) => {
    const known = new Map<string, Record<string, unknown>>()
    const ids = unique.map((r) => r.external_id)
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000)
      const rows = await trx.selectFrom('import_records as ir').leftJoin('reports as r', 'r.id', 'ir.report_id')
        .select(['ir.external_id', 'r.event']).where('ir.dataset', '=', format).where('ir.external_id', 'in', chunk).execute()
      for (const r of rows) known.set(r.external_id, (typeof r.event === 'string' ? JSON.parse(r.event) : r.event ?? {}) as Record<string, unknown>)
    }
    // Our own exports carry our incident ids: an incident already here is not imported again.
    const ours = ids.filter((id) => IncidentId.safeParse(id).success)
    const present = new Set<string>()
    for (let i = 0; i < ours.length; i += 1000) {
      const rows = await trx.selectFrom('incidents').select('id').where('id', 'in', ours.slice(i, i + 1000)).execute()
      for (const r of rows) present.add(r.id)
    }
    const fresh: DatasetRecord[] = []
    for (const r of unique) {
      const before = known.get(r.external_id)
      if (before) {
        const changed = revisions(before, contractEvent(r, format))
        summary.skipped.push({
          line: r.line, external_id: r.external_id,
          reason: changed.length ? `already imported from ${format}; the dataset has revised it since (${changed.join('; ')}): not applied, review it` : `already imported from ${format}`,
        })
      } else if (present.has(r.external_id)) summary.skipped.push({ line: r.line, external_id: r.external_id, reason: 'incident already in this store' })
      else fresh.push(r)
    }
    if (fresh.length === 0) return
    await trx.insertInto('sources').values({
      id: sourceId, sha256, media_type: MEDIA[format], byte_size: opts.bytes.byteLength, origin_kind: 'import', origin,
      url: null, http_status: null, http_headers: null, retrieved_at: now, tool_version: TOOL_VERSION, published: null,
      title: `${format} import: ${origin.split(/[\\/]/).pop() ?? origin}`, outlet: format.toUpperCase(), previous_version_id: null,
      meta: JSON.stringify({ import: { format, rows: parsed.rows.length, errors: summary.errors.length } }),
    }).onConflict((oc) => oc.column('id').doNothing()).execute()
    await trx.insertInto('source_texts').values({ source_id: sourceId, text, deriver: `import/${format}`, truncated: false, lang: null })
      .onConflict((oc) => oc.column('source_id').doNothing()).execute()

    for (let i = 0; i < fresh.length; i += 200) {
      const chunk = fresh.slice(i, i + 200)
      const incidentIds = chunk.map((r) => (IncidentId.safeParse(r.external_id).success ? r.external_id : newIncidentId()))
      await trx.insertInto('incidents').values(chunk.map((r, k) => ({
        id: incidentIds[k]!,
        date: r.date, date_end: r.date_end, event_type: r.event_type, sub_event_type: r.sub_event_type,
        perpetrator: r.perpetrator, weapon: r.weapon, weapons: r.weapons, targets: r.targets,
        places: JSON.stringify([{ name: r.place.name, lat: r.place.lat, lon: r.place.lon, precision: r.place.precision, admin1: r.place.admin1 }]),
        geom: point(r.place.lat, r.place.lon), precision: r.place.precision, admin1: r.place.admin1, admin2: r.place.admin2,
        killed_min: r.killed.min, killed_max: r.killed.max, injured_min: r.injured.min, injured_max: r.injured.max,
        children_killed_min: r.children_killed.min, children_killed_max: r.children_killed.max,
        grade: r.grade ?? 'weak',
        grade_reasons: JSON.stringify([r.grade ? `grade from the ${format} dataset` : `imported from ${format}: the dataset carries no grade`]),
        reported_by: r.reported_by,
        independent_sources: r.independent_sources ?? r.reported_by.length,
        sensitive: '{}',
      }))).execute()
      await trx.insertInto('reports').values(chunk.map((r, k) => ({
        id: reportIdFor(sourceId, r.line), source_id: sourceId, seq: r.line, extractor: `import/${format}`,
        event: JSON.stringify(contractEvent(r, format)),
        date: r.date, date_end: r.date_end, event_type: r.event_type, sub_event_type: r.sub_event_type,
        perpetrator: r.perpetrator, weapon: r.weapon, targets: r.targets,
        killed_min: r.killed.min, killed_max: r.killed.max, injured_min: r.injured.min, injured_max: r.injured.max,
        geom: point(r.place.lat, r.place.lon), precision: r.place.precision, admin1: r.place.admin1,
        status: 'accepted', incident_id: incidentIds[k]!,
      }))).execute()
      await trx.insertInto('import_records').values(chunk.map((r, k) => ({
        dataset: format, external_id: r.external_id, incident_id: incidentIds[k]!, report_id: reportIdFor(sourceId, r.line),
        source_id: sourceId, line: r.line,
      }))).execute()
      summary.incident_ids.push(...incidentIds)
    }
    summary.imported = fresh.length
    // The import and its record commit together; the rows are traceable through import_records.
    await appendAudit(trx, {
      actor: opts.actor ?? 'system', action: 'source.import', entity_type: 'source', entity_id: sourceId,
      after: { format, origin, rows: parsed.rows.length, imported: fresh.length, skipped: summary.skipped.length, refused: summary.errors.length },
    })
  })
  return ok(summary)
}

const REVISABLE = ['date', 'date_end', 'perpetrator', 'weapon', 'killed', 'injured', 'children_killed', 'targets'] as const

/** What a dataset changed in a row since it was imported, as "field old → new" (place moves included). */
function revisions(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const show = (v: unknown): string => {
    if (v && typeof v === 'object' && 'min' in v) {
      const r = v as { min: number | null; max: number | null }
      return `${r.min ?? '?'}-${r.max ?? '?'}`
    }
    return Array.isArray(v) ? v.join(',') || '-' : v == null ? '-' : String(v)
  }
  const out: string[] = []
  for (const k of REVISABLE) if (show(before[k]) !== show(after[k])) out.push(`${k} ${show(before[k])} → ${show(after[k])}`)
  const place = (e: Record<string, unknown>) => {
    const p = (e.places as { text?: string; lat?: number | null; lon?: number | null }[] | undefined)?.[0]
    return p ? `${p.text ?? ''} ${p.lat ?? ''},${p.lon ?? ''}` : ''
  }
  if (place(before) !== place(after)) out.push(`place ${place(before)} → ${place(after)}`)
  return out
}

/** The row as a claim in the shape of the extract contract, with the dataset's own codes in `details`. */
function contractEvent(r: DatasetRecord, format: DatasetFormat): Record<string, unknown> {
  return {
    date: r.date, date_end: r.date_end, event_type: r.event_type ?? '', sub_event_type: r.sub_event_type ?? '',
    perpetrator: r.perpetrator, weapon: r.weapon, weapons: r.weapons, targets: r.targets,
    places: [{ text: r.place.name, lat: r.place.lat, lon: r.place.lon, admin1: r.place.admin1, admin2: r.place.admin2, precision: r.place.precision }],
    killed: r.killed, injured: r.injured, children_killed: r.children_killed, victims: [], reported_by: r.reported_by,
    evidence: [], confidence: 1, kind: 'import',
    details: { dataset: format, external_id: r.external_id, line: r.line, grade: r.grade, ...r.details, row: r.row },
  }
}

/** The summary in lines for a terminal: counts, then one line per bad or skipped row. */
export function formatImportSummary(s: ImportSummary): string {
  const lines = [`Imported ${s.imported} of ${s.rows} ${s.format} rows from "${s.origin}" (source ${s.source_id})` +
    (s.skipped.length ? `; ${s.skipped.length} already present` : '') + (s.errors.length ? `; ${s.errors.length} refused` : '')]
  for (const e of s.errors) lines.push(`${s.origin} ${whereIn(s.format, e.line)}: ${e.message}`)
  for (const k of s.skipped) if (k.reason.includes('revised')) lines.push(`${s.origin} ${whereIn(s.format, k.line)}: ${k.external_id} ${k.reason}`)
  return lines.join('\n')
}
