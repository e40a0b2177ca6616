/**
 * UCDP Georeferenced Event Dataset (GED) CSV, both ways. Deaths: `low`/`best`/`high`
 * become the killed range (min = low, else best; max = high, else best); an export writes
 * low = min, high = max and best = min (the conservative count). Precision codes:
 * where_prec 1 -> 1, 2 -> 2, 3..7 -> 3 (admin unit or coarser), and back by
 * `precisionToUcdp`. GED has no weapon, target, injured or grade column: the weapon
 * travels in words in `source_headline`, the rest is not carried.
 */
import type { IncidentView, Perpetrator } from '../../domain/index.ts'
import { CellError, daysBetween, readCoordinates, readCount, readDate, splitList, type DatasetRecord, type ParsedDataset } from './dataset-record.ts'
import { readCsv, writeCsv } from './csv-table.ts'
import { UCDP_SIDES, WEAPON_TEXT, perpetratorFrom, precisionFromUcdp, precisionToUcdp, targetsIn, weaponsIn } from './vocabulary.ts'
import { rowOutcome } from './acled-format.ts'
import { firstPlace } from './incident-place.ts'
import type { DatasetExtras } from './export-incidents.ts'

export const UCDP_COLUMNS = [
  'id', 'relid', 'year', 'active_year', 'code_status', 'type_of_violence', 'conflict_dset_id', 'conflict_new_id', 'conflict_name',
  'dyad_dset_id', 'dyad_new_id', 'dyad_name', 'side_a_dset_id', 'side_a_new_id', 'side_a', 'side_b_dset_id', 'side_b_new_id', 'side_b',
  'number_of_sources', 'source_article', 'source_office', 'source_date', 'source_headline', 'source_original', 'where_prec',
  'where_coordinates', 'where_description', 'adm_1', 'adm_2', 'latitude', 'longitude', 'geom_wkt', 'priogrid_gid', 'country',
  'country_id', 'region', 'event_clarity', 'date_prec', 'date_start', 'date_end', 'deaths_a', 'deaths_b', 'deaths_civilians',
  'deaths_unknown', 'best', 'high', 'low', 'gwnoa', 'gwnob',
] as const

const REQUIRED = ['id', 'side_a', 'latitude', 'longitude', 'date_start', 'best'] as const

/** PRIO-GRID cell id of a point: 0.5-degree cells numbered row by row from (-90, -180). */
export function priogridGid(lat: number, lon: number): number {
  const row = Math.min(359, Math.floor((lat + 90) / 0.5))
  const col = Math.min(719, Math.floor((lon + 180) / 0.5))
  return row * 720 + col + 1
}

function datePrec(v: IncidentView): number {
  if (!v.date || !v.date_end || v.date_end === v.date) return 1
  const d = daysBetween(v.date, v.date_end)
  return d <= 5 ? 2 : d <= 7 ? 3 : d <= 31 ? 4 : 5
}

export function toUcdp(views: readonly IncidentView[], extras: ReadonlyMap<string, DatasetExtras> = new Map()): string {
  const rows = views.map((v) => {
    const p = firstPlace(v)
    const x = extras.get(v.id) ?? {}
    const perp: Perpetrator = v.perpetrator ?? 'unknown'
    const side = UCDP_SIDES[perp]
    const military = v.targets.length > 0 && v.targets.every((t) => t === 'military')
    const sideB = military ? '' : 'Civilians'
    const low = v.killed.min ?? v.killed.max
    const high = v.killed.max ?? v.killed.min
    const weaponWords = (v.weapons.length ? v.weapons : v.weapon ? [v.weapon] : []).filter((w) => w !== 'unknown').map((w) => WEAPON_TEXT[w])
    // Words only: the importer reads the weapon back from them (an ACLED sub-event name would read as several).
    const headline = `${weaponWords.length ? weaponWords.join(', ') : 'attack'}${v.targets.length ? ` on ${v.targets.join(', ').replace(/_/g, ' ')}` : ''}${p.name ? ` in ${p.name}` : ''}`
    return [
      v.id, v.id, v.date ? v.date.slice(0, 4) : '', '', '', military ? 1 : 3, '', '', `${side} - ${sideB || 'Unknown'}`,
      '', '', `${side} - ${sideB || 'Unknown'}`, '', '', side, '', '', sideB,
      v.independent_sources, '', '', '', headline, v.reported_by.join('; '), precisionToUcdp(p.precision, v.admin2 !== null),
      p.name, p.name, v.admin1 ?? p.admin1 ?? '', v.admin2 ?? '', p.lat ?? '', p.lon ?? '',
      p.lat !== null && p.lon !== null ? `POINT (${p.lon} ${p.lat})` : '', p.lat !== null && p.lon !== null ? priogridGid(p.lat, p.lon) : '', x.country ?? '',
      '', x.region ?? '', v.grade === 'confirmed' || v.grade === 'fair' ? 1 : 2, datePrec(v), v.date ?? '', v.date_end ?? v.date ?? '',
      0, 0, low ?? '', 0, low ?? '', high ?? '', low ?? '', '', '',
    ]
  })
  return writeCsv(UCDP_COLUMNS, rows)
}

function ucdpRecord(line: number, c: Record<string, string>): DatasetRecord {
  const id = c.id?.trim() ?? ''
  if (!id) throw new CellError('id is empty')
  const start = readDate(c.date_start, 'date_start', true)
  const end = readDate(c.date_end, 'date_end')
  if (start && end && end < start) throw new CellError(`date_end ${end} is before date_start ${start}`)
  const { lat, lon } = readCoordinates(c.latitude, c.longitude)
  const prec = readCount(c.where_prec, 'where_prec')
  if (prec !== null && (prec < 1 || prec > 7)) throw new CellError(`where_prec ${prec} is not 1..7`)
  const best = readCount(c.best, 'best')
  const low = readCount(c.low, 'low') ?? best
  const high = readCount(c.high, 'high') ?? best
  if (low !== null && high !== null && low > high) throw new CellError(`low ${low} is greater than high ${high}`)
  const words = [c.source_headline ?? '', c.where_description ?? '']
  const weapons = weaponsIn(...words)
  const sources = splitList(c.source_original)
  const n = readCount(c.number_of_sources, 'number_of_sources')
  return {
    line,
    external_id: id,
    date: start,
    date_end: end && end !== start ? end : null,
    event_type: null,
    sub_event_type: null,
    perpetrator: perpetratorFrom(c.side_a ?? ''),
    weapon: weapons[0] ?? 'unknown',
    weapons,
    targets: targetsIn(c.source_headline ?? ''),
    place: {
      name: (c.where_coordinates ?? '').trim(), lat, lon, precision: prec === null ? (lat === null ? 3 : 2) : precisionFromUcdp(prec),
      admin1: c.adm_1?.trim() || null, admin2: c.adm_2?.trim() || null,
    },
    killed: { min: low, max: high },
    injured: { min: null, max: null },
    children_killed: { min: null, max: null },
    grade: null,
    reported_by: sources,
    independent_sources: n,
    details: {
      where_prec: prec, date_prec: c.date_prec || null, type_of_violence: c.type_of_violence || null, event_clarity: c.event_clarity || null,
      best, deaths_civilians: c.deaths_civilians || null, country: c.country || null, region: c.region || null, side_a: c.side_a || null, side_b: c.side_b || null,
      conflict_name: c.conflict_name || null, priogrid_gid: c.priogrid_gid || null, source_article: c.source_article || null,
    },
    row: c,
  }
}

export function parseUcdp(text: string): ParsedDataset {
  const table = readCsv(text, REQUIRED)
  if (!table.ok) return table
  return { ok: true, rows: table.rows.map((r) => rowOutcome(r, ucdpRecord)) }
}
