import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { DatasetFormat, formatImportSummary, importDataset } from '../../monitor/interop/index.ts'
import { evaluateAlerts } from '../../monitor/alerts/index.ts'
import { UsageError, type Command } from '../command.ts'

export const command: Command = {
  name: 'import',
  summary: 'import incidents from an ACLED, UCDP GED, Airwars or GeoJSON file',
  usage: `harmwatch import --format acled|ucdp|airwars|geojson FILE [--alerts] [--json]

Reads FILE and stores each good row as an incident with its report; the file itself is
kept as a source. Rows with bad dates, coordinates or counts are listed by line and left
out; a file that cannot be read or lacks a required column imports nothing. Rows already
imported (same dataset id) are skipped, so importing a file twice adds nothing.
Column mappings: docs/interop.md.

  --alerts   run the alert rules on the imported incidents (off by default: an archive
             import would otherwise fire an alert per historical incident)
  --json     print the summary as JSON

Exit code 0 when every row was imported or already present, 1 when some were refused.`,
  async run(argv, { config, io }) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: { format: { type: 'string' }, alerts: { type: 'boolean' }, json: { type: 'boolean' } },
    })
    const format = DatasetFormat.safeParse(values.format)
    if (!format.success) throw new UsageError(`--format must be one of acled, ucdp, airwars, geojson (got ${values.format === undefined ? 'nothing' : `"${values.format}"`})`)
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE to import')
    const file = positionals[0]!
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch (e) {
      io.err(`Cannot import "${file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`)
      return 1
    }
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      const r = await importDataset(store.db, { format: format.data, bytes, origin: file, home: config.home, actor: 'cli' })
      if (!r.ok) {
        io.err(r.error)
        return 1
      }
      const fired = values.alerts ? (await evaluateAlerts(store.db, { incidentIds: r.value.incident_ids })).fired : 0
      if (values.json) io.out(JSON.stringify({ ...r.value, alerts_fired: fired }))
      else {
        io.out(formatImportSummary(r.value))
        if (values.alerts) io.out(`${fired} alert${fired === 1 ? '' : 's'} queued (harmwatch alert deliver sends them)`)
      }
      return r.value.errors.length ? 1 : 0
    } finally {
      await store.close()
    }
  },
}
