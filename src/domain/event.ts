/**
 * The extracted event: one source's claim about one event, in the shape of the public
 * `harmwatch extract` contract (schema `harmwatch.extract/1`). Extra fields are allowed
 * by the contract; the named ones keep their names, types and enum values.
 */
import { z } from 'zod'
import { Perpetrator, Precision, Target, Weapon } from './enums.ts'

export const EXTRACT_SCHEMA = 'harmwatch.extract/1' as const
export const GEOCODE_SCHEMA = 'harmwatch.geocode/1' as const

/** A count as a range; `null` on either side means "not stated". Never summed across sources. */
export const Range = z.object({ min: z.number().int().nonnegative().nullable(), max: z.number().int().nonnegative().nullable() })
export type Range = z.infer<typeof Range>
export const EMPTY_RANGE: Range = Object.freeze({ min: null, max: null }) as Range

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')

export const EventPlace = z.object({
  text: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  admin1: z.string().nullable(),
  precision: Precision,
  /** gazetteer id of the resolved place, when resolved */
  place_id: z.string().nullable().optional(),
  /** for relative places ("south of X"): the anchor place as written */
  near: z.string().nullable().optional(),
  admin2: z.string().nullable().optional(),
})
export type EventPlace = z.infer<typeof EventPlace>

/** Character span [start, end) into the text the extractor was given, naming the field it supports. */
export const Evidence = z.object({ field: z.string(), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
export type Evidence = z.infer<typeof Evidence>

export const ExtractedEvent = z.object({
  date: IsoDate.nullable(),
  date_end: IsoDate.nullable(),
  event_type: z.string(),
  sub_event_type: z.string(),
  perpetrator: Perpetrator,
  weapon: Weapon,
  weapons: z.array(Weapon),
  targets: z.array(Target),
  places: z.array(EventPlace),
  killed: Range.nullable(),
  injured: Range.nullable(),
  children_killed: Range.nullable(),
  victims: z.array(z.object({ name: z.string() })),
  reported_by: z.array(z.string()),
  evidence: z.array(Evidence),
  confidence: z.number().min(0).max(1),
  /** free extras for non-attack events (agreement parties, deadlines, ...) */
  kind: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
}).loose()
export type ExtractedEvent = z.infer<typeof ExtractedEvent>

export const ExtractResult = z.object({ schema: z.literal(EXTRACT_SCHEMA), events: z.array(ExtractedEvent) })
export type ExtractResult = z.infer<typeof ExtractResult>

export const GeocodeCandidate = z.object({
  id: z.string(),
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  feature: z.string(),
  score: z.number().min(0).max(1),
}).loose()
export type GeocodeCandidate = z.infer<typeof GeocodeCandidate>

export const GeocodeResult = z.object({ schema: z.literal(GEOCODE_SCHEMA), query: z.string(), candidates: z.array(GeocodeCandidate) })
export type GeocodeResult = z.infer<typeof GeocodeResult>
