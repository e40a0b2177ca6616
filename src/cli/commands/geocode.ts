import { createReadStream, existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { StringDecoder } from 'node:string_decoder'
import { z } from 'zod'
import { GEOCODE_SCHEMA, type GeocodeCandidate } from '../../domain/event.ts'
import { loadGeocoder, loadGeocoderFromStore, type Geocoder } from '../../geocode/index.ts'
import { openStore } from '../../store/index.ts'
import type { Config } from '../../config.ts'
import { UsageError, type Command, type Io } from '../command.ts'

const BatchLine = z.object({
  query: z.string(),
  admin1: z.string().nullish(),
  admin2: z.string().nullish(),
  limit: z.number().int().min(1).max(100).nullish(),
  id: z.union([z.string(), z.number()]).nullish(),
})

type BatchQuery = z.infer<typeof BatchLine>
const NON_BLANK = /\S/

/**
 * The common line, checked by hand: zod costs more than the geocoding itself at 50,000 lines a
 * second. Anything unusual goes through the schema, which also words the error.
 */
function fastLine(v: unknown): BatchQuery | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null
  const o = v as Record<string, unknown>
  if (typeof o.query !== 'string') return null
  if (o.admin1 != null && typeof o.admin1 !== 'string') return null
  if (o.admin2 != null && typeof o.admin2 !== 'string') return null
  if (o.id != null && typeof o.id !== 'string' && typeof o.id !== 'number') return null
  if (o.limit != null) return null
  return o as BatchQuery
}

/** The workspace's imported places join the bundled ones when a workspace exists. */
async function geocoderFor(config: Config, useStore: boolean): Promise<Geocoder> {
  if (!useStore || (!config.databaseUrl && !existsSync(join(config.home, 'db')))) return loadGeocoder()
  const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
  try {
    return await loadGeocoderFromStore(store)
  } finally {
    await store.close()
  }
}

function table(query: string, candidates: GeocodeCandidate[]): string {
  if (candidates.length === 0) return `No place found for "${query}"`
  const rows = candidates.map((c, i) => [String(i + 1), c.score.toFixed(2), c.id, c.name, typeof c.name_ar === 'string' ? c.name_ar : '', c.feature, [c.admin2, c.admin1].filter(Boolean).join(', '), `${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}`])
  const head = ['#', 'score', 'id', 'name', 'arabic', 'feature', 'admin', 'lat, lon']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  return [head, ...rows].map((r) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')
}

async function runBatch(file: string, geocoder: Geocoder, io: Io, limit: number): Promise<number> {
  if (file !== '-' && !existsSync(file)) throw new Error(`Cannot geocode batch "${file}": no such file`)
  const input = file === '-' ? io.stdin : createReadStream(file, { highWaterMark: 1 << 20 })
  const decoder = new StringDecoder('utf8') // a character split across two chunks stays whole
  let buffer: string[] = []
  let bad = 0
  const answer = (line: string): void => {
    if (line.length === 0 || !NON_BLANK.test(line)) return
    let out: Record<string, unknown>
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch {
      parsed = undefined
    }
    const fast = fastLine(parsed)
    const r = fast ? { success: true as const, data: fast } : BatchLine.safeParse(parsed)
    if (!r.success) {
      bad++
      const query = parsed && typeof parsed === 'object' && 'query' in parsed ? (parsed as { query: unknown }).query : null
      const why = parsed === undefined ? 'not valid JSON' : `${r.error.issues[0]?.path.join('.') || 'line'}: ${r.error.issues[0]?.message ?? 'invalid'}`
      out = { query: query !== null && query !== undefined ? query : line.slice(0, 200), error: `Cannot geocode line: ${why}` }
    } else {
      const q = r.data
      // candidates come in contract order: id, name, lat, lon, admin1, admin2, feature, score, extras
      const candidates = geocoder.geocode(q.query, { admin1: q.admin1 ?? null, admin2: q.admin2 ?? null, limit: q.limit ?? limit })
      out = q.id != null ? { id: q.id, schema: GEOCODE_SCHEMA, query: q.query, candidates } : { schema: GEOCODE_SCHEMA, query: q.query, candidates }
    }
    buffer.push(JSON.stringify(out))
  }
  // lines are split by hand and answered synchronously per chunk: readline's per-line promises
  // cost more than a geocode
  let rest = ''
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))
    let from = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      answer(text.charCodeAt(nl - 1) === 13 ? text.slice(from, nl - 1) : text.slice(from, nl))
      from = nl + 1
    }
    rest = text.slice(from)
    if (buffer.length >= 1000) { io.out(buffer.join('\n')); buffer = [] }
  }
  rest += decoder.end()
  if (rest) answer(rest.endsWith('\r') ? rest.slice(0, -1) : rest)
  if (buffer.length) io.out(buffer.join('\n'))
  return bad > 0 ? 1 : 0
}

export const command: Command = {
  name: 'geocode',
  summary: 'find a place by any spelling (Latin or Arabic script): ranked gazetteer candidates',
  usage: `harmwatch geocode "QUERY" [--admin1 NAME] [--admin2 NAME] [--limit 5] [--format json|text]
harmwatch geocode --batch FILE.jsonl [--limit 5]

Prints {"schema":"harmwatch.geocode/1","query":"...","candidates":[{id,name,lat,lon,admin1,admin2,
feature,score,...}]} best first; "candidates": [] when nothing matches. Scores are calibrated:
a top candidate scoring 0.8 or more was right at least 9 times in 10 on the golden tables.
Batch: one {"query": "...", "admin1": "Idlib" | null} per line in, one result per line out, in
input order; a bad line prints {"query": ..., "error": "..."} and the batch goes on (exit 1).
Places imported with "harmwatch gazetteer import" are searched too (--no-store to skip them).`,
  async run(argv, { config, io }) {
    let parsed
    try {
      parsed = parseArgs({
        args: argv, allowPositionals: true,
        options: {
          admin1: { type: 'string' }, admin2: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' },
          batch: { type: 'string' }, 'no-store': { type: 'boolean' },
        },
      })
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e))
    }
    const { values, positionals } = parsed
    const limit = values.limit === undefined ? 5 : Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError(`--limit must be an integer from 1 to 100: current value is "${values.limit}"`)
    const format = values.format ?? 'json'
    if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text: current value is "${format}"`)
    if (values.batch !== undefined) {
      if (positionals.length > 0) throw new UsageError('give either a QUERY or --batch FILE, not both')
      const geocoder = await geocoderFor(config, !values['no-store'])
      return runBatch(values.batch, geocoder, io, limit)
    }
    if (positionals.length !== 1) throw new UsageError('expected one QUERY (quote it) or --batch FILE')
    const query = positionals[0]!
    const geocoder = await geocoderFor(config, !values['no-store'])
    const candidates = geocoder.geocode(query, { admin1: values.admin1 ?? null, admin2: values.admin2 ?? null, limit })
    io.out(format === 'text' ? table(query, candidates) : JSON.stringify({ schema: GEOCODE_SCHEMA, query, candidates }))
    return 0
  },
}
