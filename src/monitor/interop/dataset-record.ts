/**
 * The common shape of one imported dataset row, whatever the format, and the checks
 * every format applies to its cells (dates, coordinates, counts). A row that fails a
 * check is reported by its line and left out; the rest of the file goes on.
 */
import { z } from 'zod'
import { Grade, Perpetrator, Target, Weapon, type Precision, type Range } from '../../domain/index.ts'

export const DATASET_FORMATS = ['acled', 'ucdp', 'airwars', 'geojson'] as const
export const DatasetFormat = z.enum(DATASET_FORMATS)
export type DatasetFormat = z.infer<typeof DatasetFormat>

export interface DatasetRecord {
  /** 1-based line of the row in the file (the feature's number for GeoJSON) */
  line: number
  /** the dataset's own id of the row */
  external_id: string
  date: string | null
  date_end: string | null
  event_type: string | null
  sub_event_type: string | null
  perpetrator: Perpetrator
  weapon: Weapon
  weapons: Weapon[]
  targets: Target[]
  place: { name: string; lat: number | null; lon: number | null; precision: Precision; admin1: string | null; admin2: string | null }
  killed: Range
  injured: Range
  children_killed: Range
  grade: Grade | null
  reported_by: string[]
  independent_sources: number | null
  /** dataset codes carried through as they were (time_precision, where_prec, geolocation_precision, country ...) */
  details: Record<string, unknown>
  /** the row as read */
  row: Record<string, unknown>
}

export interface RowError {
  line: number
  message: string
}

export type RowOutcome = { ok: true; record: DatasetRecord } | { ok: false; error: RowError }

/** What a format parser gives back: rows (each read or refused), or one fatal reason that imports nothing. */
export type ParsedDataset = { ok: true; rows: RowOutcome[] } | { ok: false; error: string }

/** A problem with one cell; thrown inside a row reader and turned into that row's error. */
export class CellError extends Error {
  override name = 'CellError'
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

function validYmd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d || y < 1900 || y > 2100) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/**
 * A date cell as YYYY-MM-DD: ISO (with or without a time), "14 September 2018" (older
 * ACLED exports), or DD/MM/YYYY. Empty gives null; anything else is the row's error.
 */
export function readDate(value: unknown, column: string, required = false): string | null {
  const s = typeof value === 'string' ? value.trim() : value == null ? '' : String(value)
  if (s === '') {
    if (required) throw new CellError(`${column} is empty`)
    return null
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s)
  let out: string | null = null
  if (m) out = validYmd(Number(m[1]), Number(m[2]), Number(m[3]))
  else if ((m = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/.exec(s))) {
    const month = MONTHS.findIndex((x) => x.startsWith(m![2]!.toLowerCase()) && m![2]!.length >= 3)
    if (month >= 0) out = validYmd(Number(m[3]), month + 1, Number(m[1]))
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) out = validYmd(Number(m[3]), Number(m[2]), Number(m[1]))
  if (!out) throw new CellError(`${column} "${s.slice(0, 40)}" is not a date (expected YYYY-MM-DD)`)
  return out
}

function readNumber(value: unknown, column: string): number | null {
  const s = typeof value === 'string' ? value.trim() : value == null ? '' : String(value)
  if (s === '') return null
  const n = Number(s)
  if (!Number.isFinite(n)) throw new CellError(`${column} "${s.slice(0, 40)}" is not a number`)
  return n
}

/** A latitude/longitude pair: both or neither; in range; (0, 0) refused as the usual blank-cell accident. */
export function readCoordinates(lat: unknown, lon: unknown, names: [string, string] = ['latitude', 'longitude']): { lat: number | null; lon: number | null } {
  const la = readNumber(lat, names[0])
  const lo = readNumber(lon, names[1])
  if (la === null && lo === null) return { lat: null, lon: null }
  if (la === null) throw new CellError(`${names[0]} is empty but ${names[1]} is not`)
  if (lo === null) throw new CellError(`${names[1]} is empty but ${names[0]} is not`)
  if (la < -90 || la > 90) throw new CellError(`${names[0]} ${la} is outside -90..90`)
  if (lo < -180 || lo > 180) throw new CellError(`${names[1]} ${lo} is outside -180..180`)
  if (la === 0 && lo === 0) throw new CellError(`${names[0]}/${names[1]} 0,0 is not a place (a blank cell read as zero?)`)
  return { lat: la, lon: lo }
}

/** A non-negative whole count, or null when empty. */
export function readCount(value: unknown, column: string): number | null {
  const n = readNumber(value, column)
  if (n === null) return null
  if (!Number.isInteger(n) || n < 0) throw new CellError(`${column} "${String(value).trim()}" is not a whole number >= 0`)
  return n
}

/** A range from two counts, refusing min > max. */
export function readRange(min: unknown, max: unknown, name: string): Range {
  const a = readCount(min, `${name}_min`)
  const b = readCount(max, `${name}_max`)
  if (a !== null && b !== null && a > b) throw new CellError(`${name} min ${a} is greater than max ${b}`)
  return { min: a, max: b }
}

/** "a; b ;c" -> ['a', 'b', 'c'], dropping the leading apostrophes spreadsheets add. */
export function splitList(value: unknown, sep = /\s*;\s*/): string[] {
  const s = typeof value === 'string' ? value : ''
  return [...new Set(s.split(sep).map((x) => x.trim().replace(/^'+/, '')).filter(Boolean))]
}

/** Compact range text used in our own tags: "2..5", "..5", "3..", "..". */
export function rangeText(r: Range): string {
  return `${r.min ?? ''}..${r.max ?? ''}`
}

export function parseRangeText(s: string, name: string): Range {
  const m = /^(\d*)\.\.(\d*)$/.exec(s.trim())
  if (!m) throw new CellError(`${name} "${s}" is not a range (expected MIN..MAX)`)
  return readRange(m[1], m[2], name)
}

/** Days from `a` to `b` (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}
