/**
 * Parsers for gazetteers a monitor brings: the GeoNames dump (19 tab-separated columns,
 * alternate names included), HDX/OCHA populated places CSV (P-codes, English and Arabic
 * names), and any CSV with a column map. Country-neutral. A bad row is reported with its
 * line number and skipped; the good rows are returned.
 */
import { parse } from 'csv-parse/sync'
import { GazetteerPlace } from './gazetteer-place.ts'

export type ImportFormat = 'geonames' | 'ocha' | 'csv'
export interface RowError { line: number; error: string }
export interface ImportReport { places: GazetteerPlace[]; errors: RowError[] }
export interface ParseOptions {
  /** csv: target field → column name, e.g. { name: 'village', lat: 'y', lon: 'x' } */
  map?: Record<string, string>
  /** admin names for a point when the file gives only codes (GeoNames): e.g. the nearest known place */
  adminOf?: (lat: number, lon: number) => { admin1: string | null; admin2: string | null; admin3: string | null } | null
  /** used in generated ids of csv rows */
  label?: string
}

export const CSV_FIELDS = ['id', 'name', 'name_ar', 'alt_names', 'lat', 'lon', 'admin1', 'admin2', 'admin3', 'pcode', 'feature', 'population'] as const
type CsvField = (typeof CSV_FIELDS)[number]

function num(v: string | undefined): number | null {
  if (v === undefined) return null
  const t = v.trim().replace(',', '.')
  if (!t) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

function checked(line: number, input: unknown, errors: RowError[]): GazetteerPlace | null {
  const r = GazetteerPlace.safeParse(input)
  if (r.success) return r.data
  const issue = r.error.issues[0]
  errors.push({ line, error: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` })
  return null
}

const GEONAMES_FEATURE: Record<string, string> = { PPLC: 'city', PPLA: 'city', PPLA2: 'town', PPLA3: 'town', PPLA4: 'town', ADM1: 'governorate', ADM2: 'district', ADM3: 'subdistrict', ADM4: 'community', PCLI: 'country' }

function parseGeonames(text: string, options: ParseOptions): ImportReport {
  const places: GazetteerPlace[] = []
  const errors: RowError[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, i) => {
    const line = i + 1
    if (!raw.trim() || raw.startsWith('#')) return
    const f = raw.split('\t')
    if (f.length < 15) { errors.push({ line, error: `expected 19 tab-separated columns, found ${f.length}` }); return }
    const [id, name, ascii, alternates, lat, lon, fclass, fcode, cc, , a1] = f
    const la = num(lat), lo = num(lon)
    if (!id || !/^\d+$/.test(id)) { errors.push({ line, error: `geonameid "${id ?? ''}" is not a number` }); return }
    if (la === null || lo === null) { errors.push({ line, error: 'latitude/longitude missing or not numbers' }); return }
    const alt = new Set((alternates ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== name && !/^https?:/.test(s) && s.length <= 120))
    if (ascii && ascii !== name) alt.add(ascii)
    const arabic = [...alt].find((s) => /[\u0600-\u06ff]/.test(s)) ?? null
    const admin = options.adminOf?.(la, lo) ?? null
    const code = fcode ?? ''
    const feature = GEONAMES_FEATURE[code] ?? (fclass === 'P' ? 'town' : code ? code.toLowerCase() : 'place')
    const pop = num(f[14])
    const p = checked(line, {
      id: `geonames:${id}`, name: name?.trim(), name_ar: arabic, alt_names: [...alt].slice(0, 200), lat: la, lon: lo,
      admin1: admin?.admin1 ?? (a1 ? `${cc}.${a1}` : null), admin2: admin?.admin2 ?? null, admin3: admin?.admin3 ?? null,
      feature, source: 'geonames', population: pop !== null && pop > 0 ? Math.round(pop) : null,
    }, errors)
    if (p) places.push(p)
  })
  return { places, errors }
}

interface CsvRows { header: string[]; rows: { line: number; cells: string[] }[]; errors: RowError[] }

function readCsv(text: string): CsvRows {
  const errors: RowError[] = []
  const delimiter = (text.split('\n', 1)[0] ?? '').includes('\t') ? '\t' : (text.split('\n', 1)[0] ?? '').split(';').length > (text.split('\n', 1)[0] ?? '').split(',').length ? ';' : ','
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e)
    const line = Number(/line (\d+)/.exec(m)?.[1] ?? 0)
    errors.push({ line, error: `unreadable CSV: ${m}` })
    return { header: [], rows: [], errors }
  }
  const [head, ...rest] = records
  const header = (head?.record ?? []).map((h) => h.trim())
  // an HXL hashtag row (#adm1+name …) under the header is metadata, not a place
  const rows = rest.filter((r) => !(r.record[0] ?? '').trim().startsWith('#')).map((r) => ({ line: r.info.lines, cells: r.record }))
  return { header, rows, errors }
}

function fromColumns(csv: CsvRows, columns: Partial<Record<CsvField, number>>, source: string, idOf: (get: (f: CsvField) => string | undefined, line: number) => string | null, options: ParseOptions): ImportReport {
  const places: GazetteerPlace[] = []
  const errors = [...csv.errors]
  for (const { line, cells } of csv.rows) {
    const get = (f: CsvField): string | undefined => {
      const c = columns[f]
      const v = c === undefined ? undefined : cells[c]?.trim()
      return v === '' ? undefined : v
    }
    const name = get('name') ?? get('name_ar')
    if (!name) { errors.push({ line, error: 'name is empty' }); continue }
    const lat = num(get('lat')), lon = num(get('lon'))
    if (lat === null || lon === null) { errors.push({ line, error: `"${name}": latitude/longitude missing or not numbers` }); continue }
    const id = idOf(get, line)
    if (!id) { errors.push({ line, error: `"${name}": no id` }); continue }
    const pop = num(get('population'))
    // a file without admin names borrows those of the nearest known place
    const admin = get('admin1') ? null : options.adminOf?.(lat, lon) ?? null
    const p = checked(line, {
      id, name, name_ar: get('name_ar') && get('name_ar') !== name ? get('name_ar') : null,
      alt_names: (get('alt_names') ?? '').split(/[|;]/).map((s) => s.trim()).filter(Boolean),
      lat, lon, admin1: get('admin1') ?? admin?.admin1 ?? null, admin2: get('admin2') ?? admin?.admin2 ?? null, admin3: get('admin3') ?? admin?.admin3 ?? null,
      pcode: get('pcode') ?? null, feature: get('feature') ?? 'community', source, population: pop !== null && pop >= 0 ? Math.round(pop) : null,
    }, errors)
    if (p) places.push(p)
  }
  return { places, errors }
}

/** HDX populated-places headers, in order of preference, per field. */
const OCHA_HEADERS: Record<CsvField, string[]> = {
  id: ['admin4pcode', 'adm4_pcode', 'pcode', 'p_code', 'pcode_com', 'community_pcode', 'com_pcode'],
  pcode: ['admin4pcode', 'adm4_pcode', 'pcode', 'p_code', 'community_pcode'],
  name: ['admin4name_en', 'adm4_en', 'name_en', 'community_name_en', 'name', 'featurename', 'admin4refname_en'],
  name_ar: ['admin4name_ar', 'adm4_ar', 'name_ar', 'community_name_ar', 'admin4refname_ar'],
  alt_names: ['admin4altname1_en', 'admin4altname2_en', 'alt_names', 'altnames'],
  lat: ['latitude', 'lat', 'latitude_y', 'y', 'point_y'],
  lon: ['longitude', 'lon', 'long', 'lng', 'longitude_x', 'x', 'point_x'],
  admin1: ['admin1name_en', 'adm1_en', 'admin1', 'governorate'],
  admin2: ['admin2name_en', 'adm2_en', 'admin2', 'district'],
  admin3: ['admin3name_en', 'adm3_en', 'admin3', 'subdistrict', 'sub_district'],
  feature: ['feature', 'type'],
  population: ['population', 'pop'],
}

function parseOcha(text: string, options: ParseOptions): ImportReport {
  const csv = readCsv(text)
  const lower = csv.header.map((h) => h.toLowerCase())
  const columns: Partial<Record<CsvField, number>> = {}
  for (const f of CSV_FIELDS) {
    const i = OCHA_HEADERS[f].map((h) => lower.indexOf(h)).find((x) => x >= 0)
    if (i !== undefined) columns[f] = i
  }
  if (columns.name === undefined || columns.lat === undefined || columns.lon === undefined) {
    return { places: [], errors: [...csv.errors, { line: 1, error: `header lacks a name, latitude or longitude column (have: ${csv.header.join(', ')})` }] }
  }
  return fromColumns(csv, columns, 'ocha-import', (get, line) => get('id') ?? `ocha:${line}`, options)
}

function slug(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9\u0600-\u06ff]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)
}

function parseMapped(text: string, options: ParseOptions): ImportReport {
  const map = options.map ?? {}
  const csv = readCsv(text)
  const columns: Partial<Record<CsvField, number>> = {}
  const bad: string[] = []
  for (const [field, col] of Object.entries(map)) {
    if (!(CSV_FIELDS as readonly string[]).includes(field)) { bad.push(`unknown field "${field}"`); continue }
    const i = csv.header.findIndex((h) => h === col) >= 0 ? csv.header.findIndex((h) => h === col) : csv.header.findIndex((h) => h.toLowerCase() === col.toLowerCase())
    if (i < 0) bad.push(`column "${col}" (for ${field}) not in header`)
    else columns[field as CsvField] = i
  }
  if (columns.name === undefined && columns.name_ar === undefined) bad.push('no column mapped to name')
  if (columns.lat === undefined || columns.lon === undefined) bad.push('lat and lon must be mapped')
  if (bad.length) return { places: [], errors: [...csv.errors, { line: 1, error: bad.join('; ') }] }
  const label = slug(options.label ?? 'csv') || 'csv'
  return fromColumns(csv, columns, `csv:${label}`, (get) => {
    const id = get('id')
    if (id) return `${label}:${id}`
    const lat = num(get('lat')), lon = num(get('lon'))
    return `${label}:${slug(get('name') ?? get('name_ar') ?? '')}@${lat?.toFixed(4)},${lon?.toFixed(4)}`
  }, options)
}

/**
 * Parses a gazetteer file; never throws on its content.
 * @example parsePlaces('csv', text, { map: { name: 'village', lat: 'y', lon: 'x' } })
 */
export function parsePlaces(format: ImportFormat, text: string, options: ParseOptions = {}): ImportReport {
  switch (format) {
    case 'geonames': return parseGeonames(text, options)
    case 'ocha': return parseOcha(text, options)
    case 'csv': return parseMapped(text, options)
  }
}
