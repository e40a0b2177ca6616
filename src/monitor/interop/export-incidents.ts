/**
 * Exporting incidents: the incidents the list shows for the same filter (read through
 * the shared `listIncidents`), written as ACLED CSV, UCDP GED CSV, GeoJSON, KML or
 * HXL-tagged CSV. Exports are built from `IncidentView`, which has no sensitive field
 * (victims' names, reviewer notes), so no export can carry them, whoever asks.
 */
import { z } from 'zod'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../store/index.ts'
import type { IncidentFilter, IncidentView } from '../../domain/index.ts'
import { allIncidents } from './incident-pages.ts'
import { toAcled } from './acled-format.ts'
import { toUcdp } from './ucdp-format.ts'
import { toGeoJson } from './geojson-format.ts'
import { toKml } from './kml-format.ts'
import { toHxl } from './hxl-format.ts'

export const EXPORT_FORMATS = ['acled', 'ucdp', 'geojson', 'kml', 'hxl'] as const
export const ExportFormat = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof ExportFormat>

export const EXPORT_MEDIA: Record<ExportFormat, { type: string; ext: string }> = {
  acled: { type: 'text/csv; charset=utf-8', ext: 'acled.csv' },
  ucdp: { type: 'text/csv; charset=utf-8', ext: 'ucdp.csv' },
  geojson: { type: 'application/geo+json', ext: 'geojson' },
  kml: { type: 'application/vnd.google-earth.kml+xml', ext: 'kml' },
  hxl: { type: 'text/csv; charset=utf-8', ext: 'hxl.csv' },
}

/** Country-level fields an imported row carried (incidents themselves have no country). */
export interface DatasetExtras { country?: string; iso?: string; region?: string; admin3?: string }

/** The extras of imported incidents, from their import reports' `details`. */
export async function datasetExtras(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, DatasetExtras>> {
  const out = new Map<string, DatasetExtras>()
  for (let i = 0; i < ids.length; i += 1000) {
    const { rows } = await sql<{ incident_id: string; country: string | null; iso: string | null; region: string | null; admin3: string | null }>`
      select incident_id, event->'details'->>'country' as country, event->'details'->>'iso' as iso,
        event->'details'->>'region' as region, event->'details'->>'admin3' as admin3
      from reports where incident_id = any(${ids.slice(i, i + 1000)}::text[]) and extractor like 'import/%' and status <> 'rejected'
      order by id`.execute(db)
    for (const r of rows) {
      const e: DatasetExtras = out.get(r.incident_id) ?? {}
      if (r.country && !e.country) e.country = r.country
      if (r.iso && !e.iso) e.iso = r.iso
      if (r.region && !e.region) e.region = r.region
      if (r.admin3 && !e.admin3) e.admin3 = r.admin3
      out.set(r.incident_id, e)
    }
  }
  return out
}

/** Incidents already selected, written in `format`. */
export function formatIncidents(format: ExportFormat, views: readonly IncidentView[], now = new Date(), extras = new Map<string, DatasetExtras>()): string {
  switch (format) {
    case 'acled': return toAcled(views, now, extras)
    case 'ucdp': return toUcdp(views, extras)
    case 'geojson': return toGeoJson(views)
    case 'kml': return toKml(views)
    case 'hxl': return toHxl(views)
  }
}

/** Every incident matching `filter`, written in `format`; `count` says how many. */
export async function exportIncidents(db: Kysely<Database>, format: ExportFormat, filter: IncidentFilter = {}, now = new Date()): Promise<{ body: string; count: number }> {
  const { cursor: _cursor, limit: _limit, ...all } = filter
  const views = await allIncidents(db, all)
  const extras = format === 'acled' || format === 'ucdp' ? await datasetExtras(db, views.map((v) => v.id)) : new Map<string, DatasetExtras>()
  return { body: formatIncidents(format, views, now, extras), count: views.length }
}
