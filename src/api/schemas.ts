/**
 * The zod schemas of the API's requests: they validate every request and generate the
 * OpenAPI 3.1 document, so the two cannot disagree.
 */
import { z } from 'zod'
import { Grade, IncidentFilter, IsoDate } from '../domain/index.ts'
import { CORRECTABLE_FIELDS } from '../review/index.ts'
import { EXPORT_FORMATS } from '../monitor/interop/index.ts'

/** A calendar date that exists (2018-02-30 is refused, not sent to the database). */
export const StrictDate = IsoDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}, 'not a calendar date')

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
const Ring = z.array(Position).min(4).max(10_000).refine((r) => {
  const a = r[0], b = r[r.length - 1]
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1]
}, 'a ring must be closed (first position = last)')
export const PolygonGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(100) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1).max(100)).min(1).max(100) }),
])

/** Free text without NUL (PostgreSQL refuses it in text). */
const Text = (max: number) => z.string().min(1).max(max).refine((s) => !s.includes('\u0000'), 'must not contain NUL')

/**
 * The shared IncidentFilter, tightened for untrusted input: dates must exist, polygons must be
 * well-formed GeoJSON, and unknown parameters are refused so a typo does not silently widen a query.
 */
export const IncidentQuery = IncidentFilter.extend({
  from: StrictDate.optional(),
  to: StrictDate.optional(),
  polygon: z.preprocess((v) => (typeof v === 'string' ? JSON.parse(v) : v), PolygonGeometry).optional()
    .describe('GeoJSON Polygon or MultiPolygon geometry, as a JSON string'),
  area: Text(200).optional().describe('admin area (governorate or district) in any spelling the gazetteer knows'),
  q: Text(500).optional().describe('full text over the incident\'s sources'),
  format: z.enum(['json', 'geojson']).optional().describe('geojson: a FeatureCollection of incident points'),
}).strict().refine((f) => !f.from || !f.to || f.from <= f.to, { message: '"from" is after "to"', path: ['from'] })
export type IncidentQuery = z.output<typeof IncidentQuery>

export const ExportQuery = IncidentFilter.extend({
  from: StrictDate.optional(),
  to: StrictDate.optional(),
  polygon: z.preprocess((v) => (typeof v === 'string' ? JSON.parse(v) : v), PolygonGeometry).optional(),
  area: Text(200).optional(),
  q: Text(500).optional(),
  format: z.enum(['csv', ...EXPORT_FORMATS]).default('csv').describe('csv or acled: ACLED\'s 31 columns; ucdp: UCDP GED columns; geojson; kml; hxl: HXL-tagged CSV'),
}).strict()

export const Version = z.number().int().min(1).describe('the version you read: a stale one gets 409')
export const Reason = Text(2000)

export const AcceptBody = z.object({ version: Version }).strict().meta({ id: 'AcceptBody' })
export const RejectBody = z.object({ version: Version, reason: Reason }).strict().meta({ id: 'RejectBody' })
export const CorrectBody = z.object({
  version: Version,
  field: z.enum(CORRECTABLE_FIELDS),
  value: z.unknown(),
  reason: Reason,
}).strict().meta({ id: 'CorrectBody' })
export const MergeBody = z.object({
  incident_ids: z.array(z.string().min(1).max(100)).min(2).max(50),
  versions: z.array(Version).min(2).max(50).describe('the version of each incident as read, in the same order'),
  reason: Reason,
}).strict().meta({ id: 'MergeBody' })
export const SplitBody = z.object({ version: Version, report_ids: z.array(z.string().min(1).max(100)).min(1).max(500), reason: Reason }).strict().meta({ id: 'SplitBody' })
export const GradeBody = z.object({ version: Version, grade: Grade, reason: Reason }).strict().meta({ id: 'GradeBody' })
export const QueueQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }).strict()
