import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { resolveAll, resolvePending } from '../../resolve/index.ts'
import { appendAudit, can, findUser } from '../../review/index.ts'
import { UsageError, type Command } from '../command.ts'

export const command: Command = {
  name: 'resolve',
  summary: 'group reports of the same attack into incidents',
  usage: `harmwatch resolve [--all --as USER] [--json]

Attaches every report not yet in an incident to the incident it matches, or founds one
(ingest does this already). --all rebuilds every incident from scratch, deterministically:
reviewers' merges, splits and grades are discarded (report reviews are kept), so it needs
an editor (--as) and is written to the audit log.`,
  async run(argv, { config, io }) {
    const { values } = parseArgs({ args: argv, options: { all: { type: 'boolean' }, as: { type: 'string' }, json: { type: 'boolean' } } })
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      let n: number
      if (values.all) {
        if (!values.as) throw new UsageError('--all needs --as USER (an editor)')
        const user = await findUser(store.db, values.as)
        if (!user) { io.err(`harmwatch resolve: no user "${values.as}"`); return 1 }
        if (!can(user.role, 'resolve')) { io.err(`harmwatch resolve: ${user.name} is ${user.role}; rebuilding incidents needs editor or above`); return 1 }
        n = (await resolveAll(store)).incidents
        await store.db.transaction().execute((trx) => appendAudit(trx, { actor: user.name, action: 'incidents.rebuild', entity_type: 'store', entity_id: 'incidents', after: { incidents: n } }))
      } else {
        n = (await resolvePending(store)).incidents
      }
      io.out(values.json ? JSON.stringify({ incidents: n }) : `${n} incident(s) ${values.all ? 'rebuilt' : 'created or updated'}`)
      return 0
    } finally {
      await store.close()
    }
  },
}
