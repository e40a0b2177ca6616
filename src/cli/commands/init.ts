import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import type { Command } from '../command.ts'

export const command: Command = {
  name: 'init',
  summary: 'create the workspace: database and evidence folder',
  usage: `harmwatch init [--json]

Creates the workspace (HARMWATCH_HOME, default ./harmwatch-data): the embedded database
(or the schema on HARMWATCH_DATABASE_URL) and the evidence folder. Safe to run again.`,
  async run(argv, { config, io }) {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } })
    mkdirSync(join(config.home, 'evidence'), { recursive: true })
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    await store.close()
    const info = { home: config.home, database: config.databaseUrl ? 'postgres' : 'pglite', evidence: join(config.home, 'evidence') }
    io.out(values.json ? JSON.stringify(info) : `Workspace ready at ${info.home} (${info.database} database)`)
    return 0
  },
}
