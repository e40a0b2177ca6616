import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { listSources } from '../../ingest/index.ts'
import { errorMessage } from '../../domain/index.ts'
import { UsageError, type Command } from '../command.ts'

const DATE = /^\d{4}-\d{2}-\d{2}$/

export const command: Command = {
  name: 'sources',
  summary: 'list the sources kept as evidence (filter by outlet, date, text)',
  usage: `harmwatch sources [--outlet X] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--q TEXT] [--limit N] [--json]

Lists sources, newest publication first.
  --outlet X   outlet name contains X (case-insensitive)
  --from D     published on or after D;  --to D  published on or before D
  --q TEXT     full-text search in the derived text ("quoted phrase", -exclude, or)
  --limit N    at most N rows (default 100)
  --json       print a JSON array`,
  async run(argv, { config, io }) {
    let values
    try {
      values = parseArgs({ args: argv, options: {
        outlet: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, q: { type: 'string' },
        limit: { type: 'string' }, json: { type: 'boolean' },
      } }).values
    } catch (e) {
      throw new UsageError(errorMessage(e))
    }
    for (const k of ['from', 'to'] as const) {
      const v = values[k]
      if (v !== undefined && !DATE.test(v)) throw new UsageError(`--${k} "${v}": expected a date YYYY-MM-DD`)
    }
    const limit = values.limit === undefined ? 100 : Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit "${values.limit}": expected a positive whole number`)
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      const rows = await listSources(store.db, { outlet: values.outlet, from: values.from, to: values.to, q: values.q, limit })
      if (values.json) {
        io.out(JSON.stringify(rows))
        return 0
      }
      if (rows.length === 0) {
        io.out('No sources match')
        return 0
      }
      for (const r of rows) {
        io.out(`${r.id}  ${r.published ?? '????-??-??'}  ${(r.outlet ?? '-').slice(0, 24).padEnd(24)}  ${r.title ?? r.origin}`)
      }
      io.out(`${rows.length} source(s)${rows.length === limit ? ` (first ${limit}; use --limit for more)` : ''}`)
      return 0
    } finally {
      await store.close()
    }
  },
}
