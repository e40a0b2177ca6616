/**
 * Incidents as files: ACLED's 31-column CSV, GeoJSON, and HXL-tagged CSV. Used when the
 * monitoring stage's exporters are not present; the selection is always the API's filter.
 */
import { stringify } from 'csv-stringify/sync'
import type { IncidentListItem } from './incident-query.ts'

export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const

const ACTOR: Record<string, string> = {
  russia: 'Military Forces of Russia', syrian_government: 'Military Forces of Syria', russia_or_syrian_government: 'Military Forces of Syria and/or Russia',
  us_coalition: 'Operation Inherent Resolve', turkey: 'Military Forces of Turkey', israel: 'Military Forces of Israel', opposition: 'Opposition Rebels (Syria)',
  hts: 'HTS: Hayat Tahrir al Sham', isis: 'Islamic State (Syria)', sdf_ypg: 'SDF: Syrian Democratic Forces', unknown: 'Unidentified Armed Group (Syria)',
}

const rangeText = (r: { min: number | null; max: number | null }): string =>
  r.min === null && r.max === null ? 'not stated' : r.min === r.max ? String(r.min) : `${r.min ?? '?'}-${r.max ?? '?'}`

function notes(i: IncidentListItem): string {
  const place = i.places.map((p) => p.name).join(', ') || 'unknown place'
  return `${i.date ?? 'undated'}: ${(i.weapon ?? 'attack').replace(/_/g, ' ')} on ${place}${i.targets.length ? ` (${i.targets.join(', ')})` : ''}; killed ${rangeText(i.killed)}, injured ${rangeText(i.injured)}; grade ${i.grade}.`
}

/** ACLED's 31 columns. Fatalities are the lower bound of the range (ACLED's conservative rule). */
export function toAcledCsv(items: IncidentListItem[]): string {
  const rows = items.map((i) => {
    const place = i.places[0]
    return [
      i.id, i.date ?? '', i.date?.slice(0, 4) ?? '', i.date_end && i.date_end !== i.date ? 2 : 1, 'Political violence',
      i.event_type ?? 'Explosions/Remote violence', i.sub_event_type ?? '', ACTOR[i.perpetrator ?? 'unknown'] ?? '', '', '', 'Civilians (Syria)', '', 7, '',
      'Civilian targeting', 760, 'Middle East', 'Syria', i.admin1 ?? '', i.admin2 ?? '', '', place?.name ?? '',
      i.lat ?? '', i.lon ?? '', i.precision ?? place?.precision ?? '', i.reported_by.join('; '), i.independent_sources > 1 ? 'Multiple' : 'Single',
      notes(i), i.killed.min ?? 0, i.weapons.join(';'), i.version,
    ]
  })
  return stringify([[...ACLED_COLUMNS], ...rows])
}

const HXL: [string, string, (i: IncidentListItem) => unknown][] = [
  ['id', '#event+id', (i) => i.id],
  ['date', '#date+start', (i) => i.date ?? ''],
  ['date_end', '#date+end', (i) => i.date_end ?? ''],
  ['event_type', '#event+type', (i) => i.event_type ?? ''],
  ['sub_event_type', '#event+type+sub', (i) => i.sub_event_type ?? ''],
  ['perpetrator', '#actor+perpetrator', (i) => i.perpetrator ?? ''],
  ['weapon', '#event+weapon', (i) => i.weapon ?? ''],
  ['targets', '#event+target', (i) => i.targets.join(';')],
  ['admin1', '#adm1+name', (i) => i.admin1 ?? ''],
  ['admin2', '#adm2+name', (i) => i.admin2 ?? ''],
  ['location', '#loc+name', (i) => i.places.map((p) => p.name).join(';')],
  ['latitude', '#geo+lat', (i) => i.lat ?? ''],
  ['longitude', '#geo+lon', (i) => i.lon ?? ''],
  ['geo_precision', '#geo+precision', (i) => i.precision ?? ''],
  ['killed_min', '#affected+killed+min', (i) => i.killed.min ?? ''],
  ['killed_max', '#affected+killed+max', (i) => i.killed.max ?? ''],
  ['injured_min', '#affected+injured+min', (i) => i.injured.min ?? ''],
  ['injured_max', '#affected+injured+max', (i) => i.injured.max ?? ''],
  ['grade', '#status+grade', (i) => i.grade],
  ['sources', '#meta+source', (i) => i.reported_by.join(';')],
]

export function toHxlCsv(items: IncidentListItem[]): string {
  return stringify([HXL.map((h) => h[0]), HXL.map((h) => h[1]), ...items.map((i) => HXL.map((h) => h[2](i)))])
}

export function toFeatureCollection(items: IncidentListItem[], extra: Record<string, unknown> = {}): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    ...extra,
    features: items.map((i) => {
      const { lat, lon, ...props } = i
      return {
        type: 'Feature' as const,
        id: i.id,
        geometry: lat !== null && lon !== null ? { type: 'Point' as const, coordinates: [lon, lat] } : null,
        properties: props as unknown as GeoJSON.GeoJsonProperties,
      } as GeoJSON.Feature
    }),
  }
}
