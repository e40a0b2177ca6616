/**
 * HXL-tagged CSV (export only) for the humanitarian data ecosystem (HDX): a header row,
 * then a row of HXL hashtags, then one row per incident.
 */
import type { IncidentView } from '../../domain/index.ts'
import { writeCsv } from './csv-table.ts'
import { firstPlace } from './incident-place.ts'

export const HXL_COLUMNS: readonly (readonly [string, string, (v: IncidentView) => string | number | null])[] = [
  ['id', '#event+id', (v) => v.id],
  ['date', '#date', (v) => v.date],
  ['date_end', '#date+end', (v) => v.date_end ?? v.date],
  ['admin1', '#adm1+name', (v) => v.admin1 ?? firstPlace(v).admin1],
  ['admin2', '#adm2+name', (v) => v.admin2],
  ['location', '#loc+name', (v) => firstPlace(v).name],
  ['latitude', '#geo+lat', (v) => firstPlace(v).lat],
  ['longitude', '#geo+lon', (v) => firstPlace(v).lon],
  ['geo_precision', '#geo+precision', (v) => firstPlace(v).precision],
  ['killed_min', '#affected+killed+min', (v) => v.killed.min],
  ['killed_max', '#affected+killed+max', (v) => v.killed.max],
  ['injured_min', '#affected+injured+min', (v) => v.injured.min],
  ['injured_max', '#affected+injured+max', (v) => v.injured.max],
  ['children_killed_min', '#affected+killed+children+min', (v) => v.children_killed.min],
  ['children_killed_max', '#affected+killed+children+max', (v) => v.children_killed.max],
  ['perpetrator', '#actor+perpetrator', (v) => v.perpetrator],
  ['event_type', '#event+type', (v) => v.event_type],
  ['sub_event_type', '#event+type+sub', (v) => v.sub_event_type],
  ['weapon', '#event+weapon', (v) => v.weapon],
  ['targets', '#event+target', (v) => v.targets.join(',')],
  ['grade', '#status+grade', (v) => v.grade],
  ['sources', '#meta+source', (v) => v.reported_by.join('; ')],
  ['independent_sources', '#meta+source+num', (v) => v.independent_sources],
]

export function toHxl(views: readonly IncidentView[]): string {
  return writeCsv(HXL_COLUMNS.map((c) => c[0]), [HXL_COLUMNS.map((c) => c[1]), ...views.map((v) => HXL_COLUMNS.map((c) => c[2](v)))])
}
