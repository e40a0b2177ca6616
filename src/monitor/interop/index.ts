/**
 * Interoperability with the datasets monitors already use. Import: ACLED CSV, UCDP GED
 * CSV, Airwars-style CSV and GeoJSON become sources, reports and incidents, bad rows
 * reported by line and the rest imported, a fatal problem importing nothing. Export:
 * the incidents matching the shared `IncidentFilter` as ACLED's 31 columns, UCDP GED,
 * GeoJSON, KML or HXL-tagged CSV. Column mappings: docs/interop.md.
 *
 * @example
 * const r = await importDataset(db, { format: 'acled', bytes: readFileSync(path), origin: path })
 * const { body } = await exportIncidents(db, 'geojson', { from: '2018-09-01', area: 'Idlib' })
 */
export { importDataset, formatImportSummary, whereIn } from './import-dataset.ts'
export type { ImportOptions, ImportSummary } from './import-dataset.ts'
export { exportIncidents, formatIncidents, datasetExtras, ExportFormat, EXPORT_FORMATS, EXPORT_MEDIA } from './export-incidents.ts'
export type { DatasetExtras } from './export-incidents.ts'
export { DatasetFormat, DATASET_FORMATS } from './dataset-record.ts'
export type { DatasetRecord, RowError } from './dataset-record.ts'
export { ACLED_COLUMNS, parseAcled, toAcled } from './acled-format.ts'
export { UCDP_COLUMNS, parseUcdp, toUcdp, priogridGid } from './ucdp-format.ts'
export { parseAirwars } from './airwars-format.ts'
export { parseGeoJson, toGeoJson } from './geojson-format.ts'
export { toKml } from './kml-format.ts'
export { toHxl, HXL_COLUMNS } from './hxl-format.ts'
export { incidentPages, allIncidents, incidentViews } from './incident-pages.ts'
export { interopRoutes } from './interop-routes.ts'
