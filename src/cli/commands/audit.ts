import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { listAudit, verifyAudit } from '../../review/index.ts'
import { UsageError, type Command } from '../command.ts'

export const command: Command = {
  name: 'audit',
  summary: 'verify or read the hash-chained audit log',
  usage: `harmwatch audit verify [--json]
harmwatch audit log [--entity ID] [--limit N] [--json]

verify walks the chain (hash = sha256(prev_hash + canonical entry)) and exits 1 naming the
first entry that was edited or deleted. log prints the newest entries first.`,
  async run(argv, { config, io }) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, entity: { type: 'string' }, limit: { type: 'string' } } })
    const sub = positionals[0]
    if (sub !== 'verify' && sub !== 'log') throw new UsageError('expected "verify" or "log"')
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      if (sub === 'verify') {
        const v = await verifyAudit(store.db)
        if (values.json) io.out(JSON.stringify(v))
        else if (v.ok) io.out(`Audit log intact: ${v.count} entries`)
        else io.err(`Audit log broken at entry ${v.first_bad_seq}: ${v.reason}`)
        return v.ok ? 0 : 1
      }
      const limit = values.limit === undefined ? 50 : Number(values.limit)
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`bad --limit "${values.limit}"`)
      const entries = await listAudit(store.db, { limit, ...(values.entity ? { entityId: values.entity } : {}) })
      if (values.json) io.out(JSON.stringify(entries))
      else for (const e of entries) io.out(`${e.seq}  ${e.at}  ${e.actor}  ${e.action}  ${e.entity_type} ${e.entity_id}${e.reason ? `  "${e.reason}"` : ''}`)
      return 0
    } finally {
      await store.close()
    }
  },
}
