/**
 * Exporting incidents: the incidents the list shows for the same filter (read through
 * the shared `listIncidents`), written as ACLED CSV, UCDP GED CSV, GeoJSON, KML or
 * HXL-tagged CSV. Exports are built from `IncidentView`, which has no sensitive field
 * (victims' names, reviewer notes), so no export can carry them, whoever asks.
 */
import { z } from 'zod'
import type { Kysely } from 'kysely'
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

/** Incidents already selected, written in `format`. */
export function formatIncidents(format: ExportFormat, views: readonly IncidentView[], now = new Date()): string {
  switch (format) {
    case 'acled': return toAcled(views, now)
    case 'ucdp': return toUcdp(views)
    case 'geojson': return toGeoJson(views)
    case 'kml': return toKml(views)
    case 'hxl': return toHxl(views)
  }
}

/** Every incident matching `filter`, written in `format`; `count` says how many. */
export async function exportIncidents(db: Kysely<Database>, format: ExportFormat, filter: IncidentFilter = {}, now = new Date()): Promise<{ body: string; count: number }> {
  const { cursor: _cursor, limit: _limit, ...all } = filter
  const views = await allIncidents(db, all)
  return { body: formatIncidents(format, views, now), count: views.length }
}
