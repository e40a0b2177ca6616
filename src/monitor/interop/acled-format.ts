/**
 * ACLED's CSV export (the 31 columns of the current format), both ways. Harmwatch
 * fields that ACLED has no column for (the killed range, weapons, targets, grade, end
 * date) travel in `tags` as `harmwatch:key=value` items, so an export imports back to
 * the same incidents; a genuine ACLED file is read through the mapping tables instead.
 */
import type { IncidentView, Perpetrator, Precision, Target, Weapon } from '../../domain/index.ts'
import { Grade, Perpetrator as PerpetratorSchema, Target as TargetSchema, Weapon as WeaponSchema } from '../../domain/index.ts'
import { CellError, daysBetween, parseRangeText, rangeText, readCoordinates, readCount, readDate, splitList, type DatasetRecord, type ParsedDataset, type RowOutcome } from './dataset-record.ts'
import { readCsv, writeCsv } from './csv-table.ts'
import { ACLED_ACTORS, acledTypesFor, perpetratorFrom, targetsIn, weaponsFromAcled } from './vocabulary.ts'
import { firstPlace } from './incident-place.ts'
import type { DatasetExtras } from './export-incidents.ts'

export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1',
  'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2',
  'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const

const REQUIRED = ['event_id_cnty', 'event_date', 'actor1', 'latitude', 'longitude', 'fatalities'] as const

const TAG = 'harmwatch:'

function tagsOf(v: IncidentView): string {
  const t: string[] = [
    `${TAG}perpetrator=${v.perpetrator ?? ''}`,
    `${TAG}weapons=${v.weapons.join(',')}`,
    `${TAG}weapon=${v.weapon ?? ''}`,
    `${TAG}targets=${v.targets.join(',')}`,
    `${TAG}killed=${rangeText(v.killed)}`,
    `${TAG}injured=${rangeText(v.injured)}`,
    `${TAG}children_killed=${rangeText(v.children_killed)}`,
    `${TAG}grade=${v.grade}`,
    `${TAG}independent_sources=${v.independent_sources}`,
  ]
  if (v.date_end && v.date_end !== v.date) t.push(`${TAG}date_end=${v.date_end}`)
  return t.join('; ')
}

function timePrecision(v: IncidentView): number {
  if (!v.date || !v.date_end || v.date_end === v.date) return 1
  return daysBetween(v.date, v.date_end) <= 7 ? 2 : 3
}

/** One line of notes in ACLED's manner, written from the incident's fields. */
function notesOf(v: IncidentView, place: string): string {
  const range = (r: IncidentView['killed']) => (r.min === r.max ? `${r.min ?? 'an unknown number'}` : `${r.min ?? '?'}-${r.max ?? '?'}`)
  const what = v.sub_event_type || (v.weapon && v.weapon !== 'unknown' ? v.weapon.replace(/_/g, ' ') : 'an attack')
  const parts = [`On ${v.date ?? 'an unknown date'}, ${what} at ${place || 'an unnamed place'}`]
  if (v.targets.length) parts.push(`hitting ${v.targets.join(', ').replace(/_/g, ' ')}`)
  parts.push(`killed: ${range(v.killed)}; injured: ${range(v.injured)}.`)
  return parts.join(', ')
}

export function toAcled(views: readonly IncidentView[], now = new Date(), extras: ReadonlyMap<string, DatasetExtras> = new Map()): string {
  const rows = views.map((v) => {
    const p = firstPlace(v)
    const x = extras.get(v.id) ?? {}
    const perp: Perpetrator = v.perpetrator ?? 'unknown'
    const actor = ACLED_ACTORS[perp]
    const civilian = !v.targets.includes('military') || v.targets.length > 1
    const types = acledTypesFor(v.weapon)
    const inter2 = civilian ? 'Civilians' : ''
    const fatalities = v.killed.min ?? v.killed.max
    return [
      v.id, v.date ?? '', v.date ? v.date.slice(0, 4) : '', timePrecision(v), 'Political violence',
      v.event_type ?? types.event_type, v.sub_event_type ?? types.sub_event_type, actor.actor, actor.assoc, actor.inter,
      civilian ? 'Civilians' : '', '', inter2, inter2 ? `${actor.inter}-${inter2}` : `${actor.inter} only`,
      civilian ? 'Civilian targeting' : '', x.iso ?? '', x.region ?? '', x.country ?? '', v.admin1 ?? p.admin1 ?? '', v.admin2 ?? '', x.admin3 ?? '', p.name,
      p.lat ?? '', p.lon ?? '', p.precision, v.reported_by.join('; '), '', notesOf(v, p.name), fatalities ?? '', tagsOf(v),
      Math.floor(now.getTime() / 1000),
    ]
  })
  return writeCsv(ACLED_COLUMNS, rows)
}

function parseTags(tags: string): Map<string, string> {
  const m = new Map<string, string>()
  for (const item of tags.split(/\s*;\s*/)) {
    if (!item.startsWith(TAG)) continue
    const eq = item.indexOf('=')
    if (eq > 0) m.set(item.slice(TAG.length, eq), item.slice(eq + 1).trim())
  }
  return m
}

function enumList<T extends string>(s: string, schema: { safeParse(v: unknown): { success: boolean } }, name: string): T[] {
  const items = s.split(',').map((x) => x.trim()).filter(Boolean)
  for (const x of items) if (!schema.safeParse(x).success) throw new CellError(`tag ${name} has an unknown value "${x}"`)
  return items as T[]
}

function acledRecord(line: number, c: Record<string, string>): DatasetRecord {
  const id = c.event_id_cnty?.trim() ?? ''
  if (!id) throw new CellError('event_id_cnty is empty')
  const date = readDate(c.event_date, 'event_date', true)
  const { lat, lon } = readCoordinates(c.latitude, c.longitude)
  const geo = readCount(c.geo_precision, 'geo_precision')
  if (geo !== null && (geo < 1 || geo > 3)) throw new CellError(`geo_precision ${geo} is not 1, 2 or 3`)
  const fatalities = readCount(c.fatalities, 'fatalities')
  const tags = parseTags(c.tags ?? '')
  const tag = (k: string) => tags.get(k)
  const perpTag = tag('perpetrator')
  if (perpTag && !PerpetratorSchema.safeParse(perpTag).success) throw new CellError(`tag perpetrator has an unknown value "${perpTag}"`)
  const guessedWeapons = weaponsFromAcled(c.sub_event_type ?? '', c.notes ?? '')
  const weapons: Weapon[] = tag('weapons') !== undefined ? enumList<Weapon>(tag('weapons')!, WeaponSchema, 'weapons') : guessedWeapons
  const weaponTag = tag('weapon')
  if (weaponTag && !WeaponSchema.safeParse(weaponTag).success) throw new CellError(`tag weapon has an unknown value "${weaponTag}"`)
  const targets: Target[] = tag('targets') !== undefined ? enumList<Target>(tag('targets')!, TargetSchema, 'targets') : targetsIn(c.notes ?? '')
  const gradeTag = tag('grade')
  const grade = gradeTag ? Grade.safeParse(gradeTag) : undefined
  if (grade && !grade.success) throw new CellError(`tag grade has an unknown value "${gradeTag}"`)
  const killed = tag('killed') !== undefined ? parseRangeText(tag('killed')!, 'killed') : { min: fatalities, max: fatalities }
  const dateEnd = tag('date_end') ? readDate(tag('date_end'), 'tag date_end') : null
  if (date && dateEnd && dateEnd < date) throw new CellError(`tag date_end ${dateEnd} is before event_date ${date}`)
  const reported = splitList(c.source)
  const indep = tag('independent_sources')
  return {
    line,
    external_id: id,
    date,
    date_end: dateEnd,
    event_type: c.event_type?.trim() || null,
    sub_event_type: c.sub_event_type?.trim() || null,
    perpetrator: (perpTag as Perpetrator | undefined) ?? perpetratorFrom(c.actor1 ?? '', c.assoc_actor_1 ?? ''),
    weapon: weaponTag !== undefined ? ((weaponTag || 'unknown') as Weapon) : (weapons[0] ?? 'unknown'),
    weapons,
    targets,
    place: {
      name: c.location?.trim() ?? '', lat, lon, precision: (geo ?? (lat === null ? 3 : 2)) as Precision,
      admin1: c.admin1?.trim() || null, admin2: c.admin2?.trim() || null,
    },
    killed,
    injured: tag('injured') !== undefined ? parseRangeText(tag('injured')!, 'injured') : { min: null, max: null },
    children_killed: tag('children_killed') !== undefined ? parseRangeText(tag('children_killed')!, 'children_killed') : { min: null, max: null },
    grade: grade?.success ? grade.data : null,
    reported_by: reported,
    independent_sources: indep !== undefined ? readCount(indep, 'tag independent_sources') : reported.length,
    details: {
      time_precision: c.time_precision || null, geo_precision: c.geo_precision || null, country: c.country || null, iso: c.iso || null,
      region: c.region || null, admin3: c.admin3 || null, actor1: c.actor1 || null, actor2: c.actor2 || null, fatalities,
    },
    row: c,
  }
}

export function parseAcled(text: string): ParsedDataset {
  const table = readCsv(text, REQUIRED)
  if (!table.ok) return table
  return { ok: true, rows: table.rows.map((r): RowOutcome => rowOutcome(r, acledRecord)) }
}

/** Runs a row reader, turning a CellError into that row's error. */
export function rowOutcome(r: { line: number; cells: Record<string, string> } | { line: number; error: string }, read: (line: number, c: Record<string, string>) => DatasetRecord): RowOutcome {
  if ('error' in r) return { ok: false, error: { line: r.line, message: r.error } }
  try {
    return { ok: true, record: read(r.line, r.cells) }
  } catch (e) {
    if (e instanceof CellError) return { ok: false, error: { line: r.line, message: e.message } }
    throw e
  }
}
