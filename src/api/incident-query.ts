/**
 * Reading incidents for the API: the shared `IncidentFilter` applied in SQL (so the list,
 * the map, the stats and the exports select exactly the same incidents), keyset pages, and
 * one incident with its claims, sources and evidence spans. Sensitive fields (named victims,
 * reviewer notes, witness contact) are dropped here for callers who may not see them, so no
 * output format can leak them.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../store/index.ts'
import type { IncidentFilter, IncidentView } from '../domain/index.ts'
import { BadCursorError, getIncident as resolveGet, listIncidents as resolveList, redactForViewer, type ReportView } from '../resolve/index.ts'
import { HttpError } from './deps.ts'
import { placeLabels } from './places.ts'

export type IncidentListItem = IncidentView & { lat: number | null; lon: number | null; precision: number | null }

export interface IncidentPage {
  items: IncidentListItem[]
  next_cursor: string | null
}

/**
 * One page of incidents matching the filter, newest first, with each one's point and precision
 * for maps: the resolution stage's `listIncidents` (the one filter, cursor and order), plus the
 * Arabic names of gazetteer places. A cursor it did not hand out is a 400.
 */
export async function listIncidents(db: Kysely<Database>, f: IncidentFilter): Promise<IncidentPage> {
  let page: IncidentPage
  try {
    page = await resolveList(db, f, { points: true })
  } catch (e) {
    if (e instanceof BadCursorError) throw new HttpError(400, 'invalid_cursor', 'Invalid cursor: pass back the next_cursor of a previous page unchanged')
    throw e
  }
  await addArabicNames(db, page.items)
  return page
}

/** Every incident matching the filter (exports), up to `max`. */
export async function allIncidents(db: Kysely<Database>, f: IncidentFilter, max = 100_000): Promise<IncidentListItem[]> {
  const out: IncidentListItem[] = []
  let cursor = f.cursor
  for (;;) {
    const page = await listIncidents(db, { ...f, ...(cursor ? { cursor } : {}), limit: Math.min(5000, max - out.length) })
    out.push(...page.items)
    if (!page.next_cursor || out.length >= max) return out
    cursor = page.next_cursor
  }
}

/** Arabic names of gazetteer places beside the English ones (`name_ar` on each place). */
async function addArabicNames(db: Kysely<Database>, items: IncidentView[]): Promise<void> {
  const ids = items.flatMap((i) => i.places.map((p) => p.place_id).filter((x): x is string => typeof x === 'string'))
  if (!ids.length) return
  const labels = await placeLabels(db, ids)
  for (const i of items) {
    for (const p of i.places) {
      const ar = p.place_id ? labels.get(p.place_id)?.name_ar : null
      if (ar) (p as { name_ar?: string | null }).name_ar = ar
    }
  }
}

export interface SourceInfo {
  id: string; sha256: string; media_type: string; byte_size: number; url: string | null; title: string | null
  outlet: string | null; published: string | null; retrieved_at: string; origin_kind: string
}

export type ReportDetail = ReportView & { evidence: { field: string; start: number; end: number }[] }

export interface IncidentDetail {
  incident: IncidentListItem
  /** only for analysts and above */
  sensitive?: Record<string, unknown>
  reports: ReportDetail[]
  sources: (SourceInfo & { text: string | null })[]
}

/** Names a viewer must not read: named victims of the claims and of the incident's sensitive record. */
export function victimNames(values: unknown[]): string[] {
  const names = new Set<string>()
  const add = (v: unknown): void => {
    if (typeof v === 'string' && v.trim().length >= 3) names.add(v.trim())
    else if (Array.isArray(v)) v.forEach(add)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      add(o.name)
      add(o.name_ar)
    }
  }
  values.forEach(add)
  return [...names].sort((a, b) => b.length - a.length)
}

/** Masks each withheld name character for character, so evidence spans still line up. */
export function maskNames(text: string, names: readonly string[]): string {
  let out = text
  for (const n of names) {
    const re = new RegExp(n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu')
    out = out.replace(re, (m) => '\u2588'.repeat(m.length))
  }
  return out
}

/**
 * Names withheld from viewers for these sources: the victims named by any of their reports,
 * or by the sensitive record of those reports' incidents (longest first, for `maskNames`).
 */
export async function withheldNames(db: Kysely<Database>, sourceIds: readonly string[]): Promise<string[]> {
  if (!sourceIds.length) return []
  const rows = await sql<{ victims: unknown; sensitive: unknown }>`select r.event->'victims' as victims, i.sensitive->'victims' as sensitive
    from reports r left join incidents i on i.id = r.incident_id where r.source_id in (${sql.join(sourceIds)})`.execute(db)
  return victimNames(rows.rows.flatMap((r) => [r.victims, r.sensitive]))
}

/** Letters and digits only, lower case, space separated: how a name reads inside a URL slug. */
const slugWords = (s: string): string => ` ${s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')} `

/**
 * A source's title and URL as a viewer may see them: headlines often name the dead, so withheld
 * names are masked in the title, and a URL whose path spells one (a slug such as
 * `/rami-haddoush-killed`) is left out, as masking it would break the link anyway.
 */
export function redactSourceLabel<T extends { title: string | null; url: string | null }>(s: T, names: readonly string[]): T {
  if (!names.length) return s
  let url = s.url
  if (url !== null) {
    let decoded = url
    try { decoded = decodeURIComponent(url) } catch { /* keep it as it is */ }
    const words = slugWords(decoded)
    if (names.some((n) => words.includes(slugWords(n)))) url = null
  }
  return { ...s, title: s.title === null ? null : maskNames(s.title, names), url }
}

/**
 * One incident with its claims, their evidence spans and their sources' text; null when
 * absent. Without `sensitive`, the resolution stage's `redactForViewer` drops the sensitive
 * fields and victims' names are masked in the source text and titles too.
 */
export async function getIncident(db: Kysely<Database>, id: string, opts: { sensitive: boolean }): Promise<IncidentDetail | null> {
  const full = await resolveGet(db, id)
  if (!full) return null
  const withheld = opts.sensitive ? [] : victimNames([...full.reports.map((r) => r.event.victims), full.sensitive?.victims])
  const shown = opts.sensitive ? full : redactForViewer(full)
  const { reports: reportViews, ...view } = shown as IncidentView & { reports: ReportView[]; sensitive?: Record<string, unknown> }
  const { sensitive, ...incidentView } = view as IncidentView & { sensitive?: Record<string, unknown> }
  const point = await db.selectFrom('incidents').select(['precision', sql<number | null>`ST_Y(geom)`.as('lat'), sql<number | null>`ST_X(geom)`.as('lon')]).where('id', '=', id).executeTakeFirst()
  const incident: IncidentListItem = { ...incidentView, lat: point?.lat ?? null, lon: point?.lon ?? null, precision: point?.precision ?? null }
  await addArabicNames(db, [incident])
  const reports: ReportDetail[] = reportViews.map((r) => ({ ...r, source: redactSourceLabel(r.source, withheld), evidence: Array.isArray(r.event.evidence) ? (r.event.evidence as ReportDetail['evidence']) : [] }))
  const sourceIds = [...new Set(reports.map((r) => r.source_id))]
  const sources = sourceIds.length
    ? await db.selectFrom('sources').leftJoin('source_texts', 'source_texts.source_id', 'sources.id')
      .select(['sources.id', 'sha256', 'media_type', 'byte_size', 'url', 'title', 'outlet', 'published', 'retrieved_at', 'origin_kind', 'source_texts.text'])
      .where('sources.id', 'in', sourceIds).orderBy('published').orderBy('sources.id').execute()
    : []
  return {
    incident,
    ...(opts.sensitive && sensitive ? { sensitive } : {}),
    reports,
    sources: sources.map((s) => ({ ...redactSourceLabel(s, withheld), text: s.text === null ? null : maskNames(s.text, withheld) })),
  }
}
