/**
 * Imported places in the store's `places` table (PostGIS point + names), read back to join
 * the in-memory index. Upserts by id, so importing a file twice changes nothing.
 */
import { sql, type Kysely } from 'kysely'
// type-only: the geocoder must not pull the database drivers into processes that only match names
import type { Database } from '../store/database.ts'
import type { GazetteerPlace } from './gazetteer-place.ts'

const point = (lat: number, lon: number) => sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`

const BATCH = 500

/** Inserts or replaces places; returns how many were written. */
export async function savePlaces(db: Kysely<Database>, places: readonly GazetteerPlace[]): Promise<number> {
  let n = 0
  for (let i = 0; i < places.length; i += BATCH) {
    const chunk = places.slice(i, i + BATCH)
    await db
      .insertInto('places')
      .values(chunk.map((p) => ({
        id: p.id, name: p.name, name_ar: p.name_ar, alt_names: p.alt_names, admin1: p.admin1, admin2: p.admin2, admin3: p.admin3,
        pcode: p.pcode, feature: p.feature, source: p.source, lat: p.lat, lon: p.lon, geom: point(p.lat, p.lon), population: p.population,
      })))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'), name_ar: eb.ref('excluded.name_ar'), alt_names: eb.ref('excluded.alt_names'),
        admin1: eb.ref('excluded.admin1'), admin2: eb.ref('excluded.admin2'), admin3: eb.ref('excluded.admin3'),
        pcode: eb.ref('excluded.pcode'), feature: eb.ref('excluded.feature'), source: eb.ref('excluded.source'),
        lat: eb.ref('excluded.lat'), lon: eb.ref('excluded.lon'), geom: eb.ref('excluded.geom'), population: eb.ref('excluded.population'),
      })))
      .execute()
    n += chunk.length
  }
  return n
}

/** Every place in the store. */
export async function loadStoredPlaces(db: Kysely<Database>): Promise<GazetteerPlace[]> {
  const rows = await db.selectFrom('places')
    .select(['id', 'name', 'name_ar', 'alt_names', 'admin1', 'admin2', 'admin3', 'pcode', 'feature', 'source', 'lat', 'lon', 'population'])
    .orderBy('id').execute()
  return rows.map((r) => ({ ...r, alt_names: r.alt_names ?? [], lat: Number(r.lat), lon: Number(r.lon) }))
}
