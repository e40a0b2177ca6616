/**
 * GeoJSON FeatureCollection of incident points, both ways. Properties are the incident's
 * fields with ranges as `*_min`/`*_max` pairs; an incident without coordinates is a
 * feature with a null geometry. Errors name the feature by its 1-based number.
 */
import { z } from 'zod'
import type { Feature, FeatureCollection, Point } from 'geojson'
import { Grade, IsoDate, Perpetrator, Precision, Target, Weapon, type IncidentView } from '../../domain/index.ts'
import { CellError, readCoordinates, readDate, readRange, type DatasetRecord, type ParsedDataset, type RowOutcome } from './dataset-record.ts'
import { firstPlace } from './incident-place.ts'

export function toGeoJson(views: readonly IncidentView[]): string {
  const features: Feature<Point | null>[] = views.map((v) => {
    const p = firstPlace(v)
    return {
      type: 'Feature',
      id: v.id,
      geometry: p.lat !== null && p.lon !== null ? { type: 'Point', coordinates: [p.lon, p.lat] } : null,
      properties: {
        id: v.id, date: v.date, date_end: v.date_end, event_type: v.event_type, sub_event_type: v.sub_event_type,
        place: p.name, precision: p.precision, admin1: v.admin1, admin2: v.admin2,
        perpetrator: v.perpetrator, weapon: v.weapon, weapons: v.weapons, targets: v.targets,
        killed_min: v.killed.min, killed_max: v.killed.max, injured_min: v.injured.min, injured_max: v.injured.max,
        children_killed_min: v.children_killed.min, children_killed_max: v.children_killed.max,
        grade: v.grade, grade_reasons: v.grade_reasons, reported_by: v.reported_by, independent_sources: v.independent_sources,
        source_ids: v.source_ids, status: v.status,
      },
    }
  })
  const fc: FeatureCollection<Point | null> = { type: 'FeatureCollection', features }
  return JSON.stringify(fc)
}

const count = z.number().int().nonnegative().nullish()
const Props = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  date: z.string().nullish(),
  date_end: z.string().nullish(),
  event_type: z.string().nullish(),
  sub_event_type: z.string().nullish(),
  place: z.string().nullish(),
  name: z.string().nullish(),
  precision: Precision.nullish(),
  admin1: z.string().nullish(),
  admin2: z.string().nullish(),
  perpetrator: Perpetrator.nullish(),
  weapon: Weapon.nullish(),
  weapons: z.array(Weapon).nullish(),
  targets: z.array(Target).nullish(),
  killed_min: count, killed_max: count, injured_min: count, injured_max: count, children_killed_min: count, children_killed_max: count,
  grade: Grade.nullish(),
  reported_by: z.array(z.string()).nullish(),
  independent_sources: count,
}).loose()

const FeatureShape = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.unknown()).min(2) }).nullable(),
  properties: z.record(z.string(), z.unknown()).nullable(),
})

function featureRecord(n: number, f: unknown): DatasetRecord {
  const shape = FeatureShape.safeParse(f)
  if (!shape.success) {
    const i = shape.error.issues[0]
    throw new CellError(`is not a Point feature (${i?.path.join('.') || 'feature'}: ${i?.message})`)
  }
  const props = Props.safeParse(shape.data.properties ?? {})
  if (!props.success) {
    const i = props.error.issues[0]
    throw new CellError(`property ${i?.path.join('.')}: ${i?.message}`)
  }
  const p = props.data
  const id = String(p.id ?? shape.data.id ?? '')
  if (!id) throw new CellError('has no id (feature id or properties.id)')
  const date = readDate(p.date ?? '', 'date')
  if (date && !IsoDate.safeParse(date).success) throw new CellError(`date "${p.date}" is not a date`)
  const end = readDate(p.date_end ?? '', 'date_end')
  if (date && end && end < date) throw new CellError(`date_end ${end} is before date ${date}`)
  const c = shape.data.geometry?.coordinates
  const { lat, lon } = c ? readCoordinates(c[1], c[0], ['latitude (coordinates[1])', 'longitude (coordinates[0])']) : { lat: null, lon: null }
  const weapons = p.weapons ?? (p.weapon ? [p.weapon] : [])
  return {
    line: n,
    external_id: id,
    date,
    date_end: end,
    event_type: p.event_type ?? null,
    sub_event_type: p.sub_event_type ?? null,
    perpetrator: p.perpetrator ?? 'unknown',
    weapon: p.weapon ?? weapons[0] ?? 'unknown',
    weapons,
    targets: p.targets ?? [],
    place: { name: p.place ?? p.name ?? '', lat, lon, precision: p.precision ?? (lat === null ? 3 : 2), admin1: p.admin1 ?? null, admin2: p.admin2 ?? null },
    killed: readRange(p.killed_min, p.killed_max, 'killed'),
    injured: readRange(p.injured_min, p.injured_max, 'injured'),
    children_killed: readRange(p.children_killed_min, p.children_killed_max, 'children_killed'),
    grade: p.grade ?? null,
    reported_by: p.reported_by ?? [],
    independent_sources: p.independent_sources ?? null,
    details: {},
    row: { ...(shape.data.properties ?? {}), geometry: shape.data.geometry },
  }
}

export function parseGeoJson(text: string): ParsedDataset {
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    return { ok: false, error: `not readable as JSON (${e instanceof Error ? e.message : String(e)})` }
  }
  if (!doc || typeof doc !== 'object' || (doc as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray((doc as { features?: unknown }).features)) {
    return { ok: false, error: 'not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})' }
  }
  const features = (doc as { features: unknown[] }).features
  return {
    ok: true,
    rows: features.map((f, i): RowOutcome => {
      try {
        return { ok: true, record: featureRecord(i + 1, f) }
      } catch (e) {
        if (e instanceof CellError) return { ok: false, error: { line: i + 1, message: e.message } }
        throw e
      }
    }),
  }
}
