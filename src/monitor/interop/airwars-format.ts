/**
 * Airwars-style incident CSV (import only): incident code, date or date range, place
 * in English and Arabic, coordinates with a precision word, belligerent, strike type
 * and munition, affected infrastructure, Airwars grade, civilian deaths, injuries and
 * children killed as min/max, sources. The Airwars grade becomes the incident's grade.
 */
import { Grade } from '../../domain/index.ts'
import { CellError, readCoordinates, readCount, readDate, readRange, splitList, type DatasetRecord, type ParsedDataset } from './dataset-record.ts'
import { readCsv } from './csv-table.ts'
import { acledTypesFor, perpetratorFrom, precisionFromAirwars, targetsFromAirwars, weaponsIn } from './vocabulary.ts'
import { rowOutcome } from './acled-format.ts'

const REQUIRED = ['incident_code', 'incident_date', 'location_en', 'latitude', 'longitude', 'belligerent', 'grading'] as const

function airwarsRecord(line: number, c: Record<string, string>): DatasetRecord {
  const id = c.incident_code?.trim() ?? ''
  if (!id) throw new CellError('incident_code is empty')
  const date = readDate(c.incident_date, 'incident_date', true)
  const isRange = (c.date_type ?? '').trim() === 'date_range'
  const end = isRange ? readDate(c.date_range_end, 'date_range_end') : null
  if (date && end && end < date) throw new CellError(`date_range_end ${end} is before incident_date ${date}`)
  const { lat, lon } = readCoordinates(c.latitude, c.longitude)
  const gradeWord = (c.grading ?? '').trim().toLowerCase()
  const grade = Grade.safeParse(gradeWord)
  if (gradeWord && !grade.success) throw new CellError(`grading "${c.grading}" is not one of Confirmed, Fair, Weak, Contested, Discounted`)
  const weapons = weaponsIn(c.munition ?? '', c.strike_type ?? '')
  const weapon = weapons[0] ?? 'unknown'
  const types = weapon === 'unknown' ? { event_type: 'Explosions/Remote violence', sub_event_type: '' } : acledTypesFor(weapon)
  const names = splitList(c.source_names)
  return {
    line,
    external_id: id,
    date,
    date_end: end && end !== date ? end : null,
    event_type: types.event_type,
    sub_event_type: types.sub_event_type || null,
    perpetrator: perpetratorFrom(c.belligerent ?? ''),
    weapon,
    weapons,
    targets: targetsFromAirwars(c.infrastructure ?? ''),
    place: {
      name: (c.location_en ?? '').trim(), lat, lon, precision: precisionFromAirwars(c.geolocation_precision ?? '', lat !== null),
      admin1: c.governorate?.trim() || null, admin2: c.district?.trim() || null,
    },
    killed: readRange(c.civilian_deaths_min, c.civilian_deaths_max, 'civilian_deaths'),
    injured: readRange(c.civilian_injuries_min, c.civilian_injuries_max, 'civilian_injuries'),
    children_killed: readRange(c.children_killed_min, c.children_killed_max, 'children_killed'),
    grade: grade.success ? grade.data : null,
    reported_by: names,
    independent_sources: readCount(c.n_sources, 'n_sources'),
    details: {
      belligerent: c.belligerent || null, strike_type: c.strike_type || null, munition: c.munition || null,
      geolocation_precision: c.geolocation_precision || null, location_ar: c.location_ar || null, grading: c.grading || null,
      source_urls: splitList(c.source_urls),
    },
    row: c,
  }
}

export function parseAirwars(text: string): ParsedDataset {
  const table = readCsv(text, REQUIRED)
  if (!table.ok) return table
  return { ok: true, rows: table.rows.map((r) => rowOutcome(r, airwarsRecord)) }
}
