/** SQL fragments shared by repositories: geometry in and out as GeoJSON-ordered lon/lat. */
import { sql, type RawBuilder } from 'kysely'

/** A PostGIS point from lat/lon, or NULL when either is missing. */
export function point(lat: number | null | undefined, lon: number | null | undefined): RawBuilder<unknown> {
  if (lat == null || lon == null || !Number.isFinite(lat) || !Number.isFinite(lon)) return sql`NULL`
  return sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`
}

/** `lat` and `lon` of a geometry column, for selects. */
export function latOf(column: string): RawBuilder<number | null> {
  return sql<number | null>`ST_Y(${sql.ref(column)})`
}
export function lonOf(column: string): RawBuilder<number | null> {
  return sql<number | null>`ST_X(${sql.ref(column)})`
}
