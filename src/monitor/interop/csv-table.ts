/**
 * Reading and writing the CSV tables of the dataset formats: a header row, then one
 * record per row with the line it starts on. A row with the wrong number of fields is
 * that row's error; a file csv-parse cannot read to the end (an unclosed quote) or a
 * missing required column is fatal, and nothing of it is imported.
 */
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'

export type CsvRow = { line: number; cells: Record<string, string> } | { line: number; error: string }
export type CsvTable = { ok: true; header: string[]; rows: CsvRow[] } | { ok: false; error: string }

export function readCsv(text: string, required: readonly string[]): CsvTable {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[]
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records
  } catch (e) {
    return { ok: false, error: `not readable as CSV (${e instanceof Error ? e.message : String(e)})` }
  }
  const first = records[0]
  if (!first) return { ok: false, error: 'the file is empty' }
  const header = first.record.map((h) => h.trim())
  const missing = required.filter((c) => !header.includes(c))
  if (missing.length) {
    const hint = header.length === 1 && /[;\t]/.test(header[0] ?? '') ? ' (the file looks separated by semicolons or tabs, not commas)' : ''
    return { ok: false, error: `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${hint}` }
  }
  const rows: CsvRow[] = []
  let prevEnd = first.info.lines
  let prevEmpty = first.info.empty_lines
  for (const { record, info } of records.slice(1)) {
    // csv-parse reports where a record ends; it starts after the previous one and any blank lines between.
    const line = prevEnd + 1 + (info.empty_lines - prevEmpty)
    prevEnd = info.lines
    prevEmpty = info.empty_lines
    if (record.length !== header.length) {
      rows.push({ line, error: `has ${record.length} fields, the header has ${header.length}` })
      continue
    }
    rows.push({ line, cells: Object.fromEntries(header.map((h, i) => [h, unguard(record[i] ?? '')])) })
  }
  return { ok: true, header, rows }
}

// A spreadsheet runs a cell that starts with = + - @ as a formula ("CSV injection"): source
// names like "@handle" and hostile text would. Such text cells get a leading apostrophe,
// which spreadsheets hide and `readCsv` removes again; numbers (-3.5) are left alone.
const FORMULA = /^[=+\-@\t\r]/
function guard(cell: string): string {
  return FORMULA.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell
}
function unguard(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell
}

/** A CSV document: header then rows, cells in header order, formula-like text guarded. */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify([header as string[], ...rows.map((r) => r.map((c) => (c == null ? '' : typeof c === 'number' ? String(c) : guard(c))))])
}
