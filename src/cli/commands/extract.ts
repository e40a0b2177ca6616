import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { EXTRACT_SCHEMA, errorMessage } from '../../domain/index.ts'
import { checkBytes, checkText, defaultGeocoder, extract, placeServices } from '../../extract/index.ts'
import { UsageError, type Command } from '../command.ts'

const DATE = /^\d{4}-\d{2}-\d{2}$/

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer))
  return Buffer.concat(chunks)
}

export const command: Command = {
  name: 'extract',
  summary: 'read events (attacks, agreements, protests) from a report, as harmwatch.extract/1 JSON',
  usage: `harmwatch extract [FILE|-] --published YYYY-MM-DD [--lang en|ar] [--format json]
harmwatch extract --batch FILE.jsonl

Reads one report (plain text, Markdown or HTML; "-" or no FILE = standard input) and prints
{"schema":"harmwatch.extract/1","events":[...]}: every event with date, place, attacker,
means, targets, casualties as ranges, named victims, reporting organisations and evidence
spans (character offsets into the text the extractor read: for HTML, its visible text).
--published anchors relative dates ("yesterday", "on Monday"). Bad input (binary,
unreadable file, bad date) exits 1 with one line on standard error and nothing on standard output.

--batch reads {"id","text","published"} lines and prints one result line per input line,
in order; a line that cannot be read gives {"id","error"} and the batch goes on.`,
  async run(argv, { io }) {
    let parsed
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { published: { type: 'string' }, lang: { type: 'string' }, format: { type: 'string' }, batch: { type: 'string' } } })
    } catch (e) {
      throw new UsageError(errorMessage(e))
    }
    const { values, positionals } = parsed
    if (values.format !== undefined && values.format !== 'json') throw new UsageError(`unknown --format "${values.format}" (only json)`)
    if (values.lang !== undefined && !['en', 'ar', 'auto'].includes(values.lang)) throw new UsageError(`unsupported --lang "${values.lang}" (en, ar or auto)`)
    const lang = (values.lang ?? 'auto') as 'en' | 'ar' | 'auto'
    if (values.batch !== undefined) return runBatch(values.batch, lang, io)
    if (positionals.length > 1) throw new UsageError('give one FILE (or - for standard input)')
    const published = values.published ?? null
    if (published !== null && !validDate(published)) {
      io.err(`Cannot extract: bad --published date "${published}" (expected YYYY-MM-DD)`)
      return 1
    }
    const file = positionals[0] ?? '-'
    let bytes: Buffer
    try {
      bytes = file === '-' ? await readAll(io.stdin) : readFileSync(file)
    } catch (e) {
      io.err(`Cannot extract "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(e)}`)
      return 1
    }
    const text = checkBytes(bytes, file === '-' ? 'standard input' : file)
    if (!text.ok) {
      io.err(text.error)
      return 1
    }
    const result = extract(text.value, { published, ...placeServices(defaultGeocoder()), lang })
    io.out(JSON.stringify(result))
    return 0
  },
}

async function runBatch(file: string, lang: 'en' | 'ar' | 'auto', io: Parameters<Command['run']>[1]['io']): Promise<number> {
  let raw: string
  try {
    raw = file === '-' ? (await readAll(io.stdin)).toString('utf8') : readFileSync(file, 'utf8')
  } catch (e) {
    io.err(`Cannot extract batch "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(e)}`)
    return 1
  }
  const services = placeServices(defaultGeocoder())
  const out: string[] = []
  let failed = 0
  const lines = raw.split('\n')
  lines.forEach((line, i) => {
    if (!line.trim()) return
    let id: string = `line ${i + 1}`
    try {
      const row = JSON.parse(line) as { id?: unknown; text?: unknown; published?: unknown }
      if (row === null || typeof row !== 'object') throw new Error('not a JSON object')
      if (typeof row.id === 'string' || typeof row.id === 'number') id = String(row.id)
      if (typeof row.text !== 'string') throw new Error('no "text" string')
      const published = row.published === undefined || row.published === null ? null : String(row.published)
      if (published !== null && !validDate(published)) throw new Error(`bad "published" date "${published}"`)
      const checked = checkText(row.text, id)
      if (!checked.ok) throw new Error(checked.error)
      const { events } = extract(row.text, { published, ...services, lang })
      out.push(JSON.stringify({ id, schema: EXTRACT_SCHEMA, events }))
    } catch (e) {
      failed++
      out.push(JSON.stringify({ id, error: `Cannot extract line ${i + 1}: ${errorMessage(e)}` }))
    }
    if (out.length >= 256) io.out(out.splice(0).join('\n'))
  })
  if (out.length > 0) io.out(out.join('\n'))
  return failed > 0 && failed === lines.filter((l) => l.trim()).length ? 1 : 0
}
