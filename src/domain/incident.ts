/**
 * The resolved incident as every consumer sees it (CLI `incidents --json`, API, exports,
 * brief), and the one filter that selects incidents everywhere: the list, the map, the
 * exports and the brief apply exactly the same filter.
 */
import { z } from 'zod'
import { Grade, Perpetrator, Precision, Target, Weapon } from './enums.ts'
import { IsoDate, Range } from './event.ts'

export const IncidentPlace = z.object({
  name: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  precision: Precision,
  admin1: z.string().nullable().optional(),
  place_id: z.string().nullable().optional(),
})
export type IncidentPlace = z.infer<typeof IncidentPlace>

export const IncidentView = z.object({
  id: z.string(),
  date: IsoDate.nullable(),
  date_end: IsoDate.nullable(),
  event_type: z.string().nullable(),
  sub_event_type: z.string().nullable(),
  places: z.array(IncidentPlace),
  perpetrator: Perpetrator.nullable(),
  weapon: Weapon.nullable(),
  weapons: z.array(Weapon),
  targets: z.array(Target),
  killed: Range,
  injured: Range,
  children_killed: Range,
  grade: Grade,
  grade_reasons: z.array(z.string()),
  reported_by: z.array(z.string()),
  independent_sources: z.number().int(),
  source_ids: z.array(z.string()),
  report_ids: z.array(z.string()),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  status: z.string(),
  version: z.number().int(),
})
export type IncidentView = z.infer<typeof IncidentView>

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item))

/** [west, south, east, north] in degrees. */
export const BBox = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map(Number) : v),
  z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]),
)

export const IncidentFilter = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  bbox: BBox.optional(),
  /** GeoJSON Polygon or MultiPolygon geometry (JSON string in query strings) */
  polygon: z.preprocess((v) => (typeof v === 'string' ? JSON.parse(v) : v), z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) })).optional(),
  /** admin area by name in any spelling the gazetteer knows (governorate or district) */
  area: z.string().min(1).max(200).optional(),
  perpetrator: csv(Perpetrator).optional(),
  weapon: csv(Weapon).optional(),
  target: csv(Target).optional(),
  grade: csv(Grade).optional(),
  /** full text over the incident's sources */
  q: z.string().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(10000).optional(),
})
export type IncidentFilter = z.infer<typeof IncidentFilter>
