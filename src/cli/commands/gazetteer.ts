import { readFileSync, existsSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { CSV_FIELDS, parsePlaces, type ImportFormat } from '../../geocode/import-places.ts'
import { createGeocoder, loadBundledPlaces, savePlaces, loadStoredPlaces, ADMIN_FEATURES, distanceKm, type GazetteerPlace } from '../../geocode/index.ts'
import { openStore } from '../../store/index.ts'
import { UsageError, type Command } from '../command.ts'

const FORMATS: readonly ImportFormat[] = ['geonames', 'ocha', 'csv']

function parseMap(spec: string | undefined): Record<string, string> {
  if (!spec) throw new UsageError('--format csv needs --map name=COLUMN,lat=COLUMN,lon=COLUMN[,name_ar=…,admin1=…,id=…]')
  const map: Record<string, string> = {}
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=')
    const field = part.slice(0, eq).trim()
    const col = part.slice(eq + 1).trim()
    if (eq < 1 || !col) throw new UsageError(`--map entry "${part}" is not FIELD=COLUMN`)
    if (!(CSV_FIELDS as readonly string[]).includes(field)) throw new UsageError(`--map field "${field}" is not one of ${CSV_FIELDS.join(', ')}`)
    map[field] = col
  }
  return map
}

/** Admin names for a bare point: those of the nearest known populated place within 15 km. */
function nearestAdmin(places: readonly GazetteerPlace[]): (lat: number, lon: number) => { admin1: string | null; admin2: string | null; admin3: string | null } | null {
  const towns = places.filter((p) => !ADMIN_FEATURES.has(p.feature) && p.admin1)
  return (lat, lon) => {
    let best: GazetteerPlace | undefined
    let bestD = 15
    for (const p of towns) {
      if (Math.abs(p.lat - lat) > 0.2 || Math.abs(p.lon - lon) > 0.2) continue
      const d = distanceKm(lat, lon, p.lat, p.lon)
      if (d < bestD) { bestD = d; best = p }
    }
    return best ? { admin1: best.admin1, admin2: best.admin2, admin3: best.admin3 } : null
  }
}

export const command: Command = {
  name: 'gazetteer',
  summary: 'extend the gazetteer: import GeoNames, OCHA/HDX or any CSV of places; list or check it',
  usage: `harmwatch gazetteer import --format geonames FILE          GeoNames dump (19 tab-separated columns)
harmwatch gazetteer import --format ocha FILE.csv           HDX/OCHA populated places (P-codes, _en/_ar names)
harmwatch gazetteer import --format csv FILE --map name=COL,lat=COL,lon=COL[,name_ar=COL,admin1=COL,admin2=COL,id=COL,alt_names=COL,feature=COL]
harmwatch gazetteer stats [--json]

Imported places are stored in the workspace (places table) and searched by "harmwatch geocode"
and the pipeline beside the bundled gazetteer. Bad rows are reported by line number and skipped;
good rows are imported (exit 1 when any row was bad). Importing the same file again updates it.`,
  async run(argv, { config, io }) {
    const [sub, ...rest] = argv
    let parsed
    try {
      parsed = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: 'string' }, map: { type: 'string' }, json: { type: 'boolean' }, 'dry-run': { type: 'boolean' } } })
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e))
    }
    const { values, positionals } = parsed
    if (sub === 'stats') {
      const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
      try {
        const bundled = loadBundledPlaces()
        const imported = await loadStoredPlaces(store.db)
        const g = createGeocoder([...bundled, ...imported])
        const info = { bundled: bundled.length, imported: imported.length, indexed: g.size }
        io.out(values.json ? JSON.stringify(info) : `Gazetteer: ${info.bundled} bundled places, ${info.imported} imported, ${info.indexed} indexed`)
      } finally {
        await store.close()
      }
      return 0
    }
    if (sub !== 'import') throw new UsageError(`expected "import" or "stats", got "${sub ?? ''}"`)
    const format = values.format as ImportFormat | undefined
    if (!format || !FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}: current value is "${values.format ?? ''}"`)
    if (positionals.length !== 1) throw new UsageError('expected one FILE to import')
    const file = positionals[0]!
    if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`Cannot import "${file}": no such file`)
    const map = format === 'csv' ? parseMap(values.map) : undefined
    const text = readFileSync(file, 'utf8')
    if (text.includes('\u0000')) throw new Error(`Cannot import "${file}": binary file, not ${format === 'geonames' ? 'a GeoNames dump' : 'CSV'}`)
    const report = parsePlaces(format, text, { ...(map ? { map } : {}), adminOf: nearestAdmin(loadBundledPlaces()), label: basename(file).replace(/\.[^.]+$/, '') })
    for (const e of report.errors.slice(0, 50)) io.err(`${file}:${e.line}: ${e.error}`)
    if (report.errors.length > 50) io.err(`… and ${report.errors.length - 50} more bad rows`)
    let written = 0
    if (!values['dry-run'] && report.places.length > 0) {
      const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
      try {
        written = await store.db.transaction().execute((trx) => savePlaces(trx, report.places))
      } finally {
        await store.close()
      }
    }
    const summary = { file, format, imported: written, parsed: report.places.length, bad_rows: report.errors.length }
    io.out(values.json ? JSON.stringify(summary) : `Imported ${written} places from "${file}" (${format}); ${report.errors.length} bad rows skipped`)
    return report.errors.length > 0 ? 1 : 0
  },
}
