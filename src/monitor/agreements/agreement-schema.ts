/**
 * The agreement file (`harmwatch agreement add FILE.json`): parties, dates, zones and
 * obligations. Zones are GeoJSON polygons, or bands of a given width along a line or around
 * a polygon's perimeter, resolved to a MultiPolygon by `resolveZone`.
 */
import { z } from 'zod'
import { IsoDate } from '../../domain/index.ts'

// number[] (not a tuple) so parsed geometries are plain GeoJSON Positions for turf
const Position = z.array(z.number()).min(2, 'a position needs longitude and latitude').max(3)
  .refine((p) => Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90, 'longitude must be within [-180, 180] and latitude within [-90, 90]')
const Ring = z.array(Position).min(4, 'a ring needs at least 4 positions')
export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) })
export const MultiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) })
export const LineStringGeometry = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2, 'a line needs at least 2 positions') })

/** A band `width_km` wide along a line: on both sides (centred), or on the left or right of its direction. */
const LineBand = z.object({
  along: LineStringGeometry,
  width_km: z.number().positive().max(500),
  side: z.enum(['both', 'left', 'right']).default('both'),
  /** clip the band to this area (e.g. keep it on one side of a border) */
  within: z.union([PolygonGeometry, MultiPolygonGeometry]).optional(),
})
/** A band `width_km` wide along a polygon's perimeter: inside it, outside it, or straddling it. */
const PerimeterBand = z.object({
  around: z.union([PolygonGeometry, MultiPolygonGeometry]),
  width_km: z.number().positive().max(500),
  side: z.enum(['inside', 'outside', 'both']).default('inside'),
  /** clip the band to this area */
  within: z.union([PolygonGeometry, MultiPolygonGeometry]).optional(),
})

export const AgreementZone = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a short lower-case id'),
  name: z.string().min(1),
  /** when the zone's rules apply, if not from the agreement's effective date */
  effective: IsoDate.optional(),
  /** drawn from public descriptions, not from an official map */
  approximate: z.boolean().default(false),
  notes: z.string().optional(),
  geometry: z.union([PolygonGeometry, MultiPolygonGeometry]).optional(),
  band: z.union([LineBand, PerimeterBand]).optional(),
}).refine((zone) => (zone.geometry ? 1 : 0) + (zone.band ? 1 : 0) === 1, { message: 'a zone needs exactly one of "geometry" or "band"' })
export type AgreementZone = z.infer<typeof AgreementZone>

export const ObligationStatus = z.enum(['pending', 'met', 'missed', 'unknown'])
export type ObligationStatus = z.infer<typeof ObligationStatus>

export const Obligation = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a short lower-case id'),
  text: z.string().min(1),
  deadline: IsoDate.nullable().default(null),
  /** null: nobody has recorded whether it was kept */
  status: ObligationStatus.nullable().default(null),
  /** what the status rests on, in the monitor's words, with its source */
  evidence: z.string().nullable().default(null),
})
export type Obligation = z.infer<typeof Obligation>

export const Citation = z.object({ outlet: z.string(), date: IsoDate.optional(), url: z.string().optional(), title: z.string().optional() })

export const Agreement = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a short lower-case id'),
  name: z.string().min(1),
  parties: z.array(z.string().min(1)).min(1),
  signed: IsoDate,
  /** when the agreement took effect; zones may start later (`zones[].effective`) */
  effective: IsoDate,
  ends: IsoDate.nullable().default(null),
  summary: z.string().nullable().default(null),
  sources: z.array(Citation).default([]),
  zones: z.array(AgreementZone).default([]),
  obligations: z.array(Obligation).default([]),
})
export type Agreement = z.infer<typeof Agreement>
export type AgreementInput = z.input<typeof Agreement>
