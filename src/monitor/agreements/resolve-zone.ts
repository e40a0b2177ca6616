import * as turf from '@turf/turf'
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson'
import { err, ok, type Result } from '../../domain/index.ts'
import type { AgreementZone } from './agreement-schema.ts'

export type ZoneConstruction = 'polygon' | 'band-line' | 'band-perimeter'
export interface ResolvedZone {
  id: string
  name: string
  construction: ZoneConstruction
  geometry: MultiPolygon
}

const KM = { units: 'kilometers' } as const

/**
 * Checks a polygon for what PostGIS and turf silently mishandle: open rings and
 * self-intersections. The error names the field (`path`) and where the ring crosses itself.
 *
 * @example
 * checkPolygon({ type: 'Polygon', coordinates: [[[0,0],[1,1],[1,0],[0,1],[0,0]]] }, 'zones[0].geometry')
 * // => { ok: false, error: 'zones[0].geometry: polygon ring 0 intersects itself near (0.5, 0.5)' }
 */
export function checkPolygon(geometry: Polygon | MultiPolygon, path: string): Result<true> {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  for (const [p, rings] of polygons.entries()) {
    const where = geometry.type === 'Polygon' ? '' : ` of polygon ${p}`
    for (const [r, ring] of rings.entries()) {
      const first = ring[0]!
      const last = ring[ring.length - 1]!
      if (first[0] !== last[0] || first[1] !== last[1]) return err(`${path}: ring ${r}${where} is not closed (first and last positions differ)`)
    }
    // kinks also reports crossings between a shell and its holes, which are just as invalid
    const kinks = turf.kinks(turf.polygon(rings))
    const at = kinks.features[0]?.geometry.coordinates
    if (at) return err(`${path}: polygon ring${where} intersects itself near (${round(at[0]!)}, ${round(at[1]!)})`)
  }
  return ok(true)
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4
}

/**
 * The zone as one MultiPolygon: a polygon as given, or a band computed with turf (buffer,
 * lineOffset, difference). Bands are geodesic to within turf's local projection, which is
 * ample for zones of a few hundred kilometres.
 */
export function resolveZone(zone: AgreementZone, path = 'zone'): Result<ResolvedZone> {
  const base = { id: zone.id, name: zone.name }
  if (zone.geometry) {
    const checked = checkPolygon(zone.geometry, `${path}.geometry`)
    if (!checked.ok) return checked
    return ok({ ...base, construction: 'polygon', geometry: toMulti(zone.geometry) })
  }
  const band = zone.band!
  let shape: Feature<Polygon | MultiPolygon> | null | undefined
  let construction: ZoneConstruction
  if ('along' in band) {
    construction = 'band-line'
    if (turf.kinks(turf.lineString(band.along.coordinates)).features.length > 0) return err(`${path}.band.along: line crosses itself`)
    const line = turf.lineString(band.along.coordinates)
    // a one-sided band: shift the centre line by half the width, then buffer by half the width;
    // turf's lineOffset puts positive offsets on the right of the line's direction
    const half = band.width_km / 2
    const centre: Feature<LineString> = band.side === 'both' ? line : turf.lineOffset(line, band.side === 'right' ? half : -half, KM)
    shape = turf.buffer(centre, half, KM)
  } else {
    construction = 'band-perimeter'
    const checked = checkPolygon(band.around, `${path}.band.around`)
    if (!checked.ok) return checked
    const poly = turf.feature(band.around)
    const w = band.width_km
    const outer = band.side === 'inside' ? poly : turf.buffer(poly, band.side === 'outside' ? w : w / 2, KM)
    const inner = band.side === 'outside' ? poly : turf.buffer(poly, band.side === 'inside' ? -w : -w / 2, KM)
    if (!outer) return err(`${path}.band: the band is empty`)
    // a band wider than the polygon is deep leaves no inner polygon: the band is all of it
    shape = inner ? turf.difference(turf.featureCollection([outer, inner])) : outer
  }
  if (shape && band.within) {
    const checked = checkPolygon(band.within, `${path}.band.within`)
    if (!checked.ok) return checked
    shape = turf.intersect(turf.featureCollection([shape, turf.feature(band.within)]))
  }
  if (!shape || turf.area(shape) === 0) return err(`${path}.band: the band is empty (width ${band.width_km} km)`)
  return ok({ ...base, construction, geometry: toMulti(shape.geometry) })
}

function toMulti(g: Polygon | MultiPolygon): MultiPolygon {
  const coordinates: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  return { type: 'MultiPolygon', coordinates }
}
