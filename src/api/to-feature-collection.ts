/**
 * Incidents as a GeoJSON FeatureCollection of points (the map's source and the
 * `/api/incidents.geojson` answer): every IncidentView field as properties.
 */
import type { IncidentListItem } from './incident-query.ts'

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
