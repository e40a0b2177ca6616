/**
 * One gazetteer entry, whatever its source (bundled OCHA communities, Open-Syria admin units,
 * GeoNames towns, border crossings, or places a monitor imported). Country-neutral: the
 * country is data, never code.
 */
import { z } from 'zod'

export const GazetteerPlace = z.object({
  /** stable id: an OCHA P-code (`C3871`, `SY07`), `geonames:169389`, `opensyria:…`, `csv:…` */
  id: z.string().min(1),
  name: z.string().min(1),
  name_ar: z.string().nullable().default(null),
  /** other spellings, any script */
  alt_names: z.array(z.string()).default([]),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  admin1: z.string().nullable().default(null),
  admin2: z.string().nullable().default(null),
  admin3: z.string().nullable().default(null),
  pcode: z.string().nullable().default(null),
  /** community, city, town, governorate, district, subdistrict, crossing, airport, … */
  feature: z.string().min(1),
  source: z.string().min(1),
  population: z.number().int().nonnegative().nullable().default(null),
})
export type GazetteerPlace = z.infer<typeof GazetteerPlace>
export type GazetteerPlaceInput = z.input<typeof GazetteerPlace>

/** Admin-level features: a name that is only an admin unit is a precision-3 place. */
export const ADMIN_FEATURES: ReadonlySet<string> = new Set(['country', 'governorate', 'district', 'subdistrict'])
