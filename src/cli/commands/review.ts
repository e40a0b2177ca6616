import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import type { Result } from '../../domain/index.ts'
import { openStore, type Database } from '../../store/index.ts'
import {
  acceptIncident, acceptReport, addNote, correctReport, findUser, mergeIncidents, rejectReport, reviewQueue, setGrade, splitIncident,
  type ReviewError,
} from '../../review/index.ts'
import { UsageError, type Command } from '../command.ts'

const SUBS = ['queue', 'accept', 'accept-incident', 'correct', 'reject', 'merge', 'split', 'grade', 'note'] as const

async function currentVersion(db: Kysely<Database>, table: 'reports' | 'incidents', id: string): Promise<number> {
  const row = await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst()
  // A missing row reaches the action, which reports it as not found.
  return row?.version ?? 0
}

export const command: Command = {
  name: 'review',
  summary: 'review reports and incidents: queue, accept, correct, reject, merge, split, grade',
  usage: `harmwatch review queue [--limit N] [--json]
harmwatch review accept REPORT_ID [--version V] --as USER
harmwatch review accept-incident INCIDENT_ID [--version V] --as USER
harmwatch review correct REPORT_ID --field FIELD --value JSON --reason TEXT [--version V] --as USER
harmwatch review reject REPORT_ID --reason TEXT [--version V] --as USER
harmwatch review merge INCIDENT_ID INCIDENT_ID... [--versions V,V,...] [--reason TEXT] --as USER
harmwatch review split INCIDENT_ID REPORT_ID... [--version V] [--reason TEXT] --as USER
harmwatch review grade INCIDENT_ID confirmed|fair|weak|contested|discounted --reason TEXT [--version V] --as USER
harmwatch review note INCIDENT_ID --text TEXT [--version V] --as USER

--version is the version you reviewed (shown by "queue" and "incidents --id"): when someone
changed the record since, the action is refused with a conflict and nothing is written.
Without it the current version is used. Analysts accept, correct and reject; editors also
merge, split and grade. Every change is written to the audit log. Notes are sensitive:
analysts and above see them, viewers and the audit log never do.`,
  async run(argv, { config, io }) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        as: { type: 'string' }, version: { type: 'string' }, versions: { type: 'string' }, field: { type: 'string' }, value: { type: 'string' },
        reason: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, text: { type: 'string' },
      },
    })
    const [sub, ...args] = positionals
    if (!sub || !(SUBS as readonly string[]).includes(sub)) throw new UsageError(`expected one of ${SUBS.join(', ')}`)
    if (sub !== 'queue' && !values.as) throw new UsageError(`"review ${sub}" needs --as USER`)
    const version = values.version === undefined ? undefined : Number(values.version)
    if (version !== undefined && !Number.isInteger(version)) throw new UsageError(`bad --version "${values.version}"`)
    const need = (n: number, what: string) => { if (args.length < n) throw new UsageError(`"review ${sub}" needs ${what}`) }
    let value: unknown
    if (sub === 'correct') {
      need(1, 'REPORT_ID')
      if (!values.field || values.value === undefined || !values.reason) throw new UsageError('"review correct" needs --field, --value and --reason')
      try { value = JSON.parse(values.value) } catch { value = values.value }
    }
    if (sub === 'reject' && !values.reason) throw new UsageError('"review reject" needs --reason')
    if (sub === 'note' && !values.text) throw new UsageError('"review note" needs --text')
    if (sub === 'grade' && (args.length < 2 || !values.reason)) throw new UsageError('"review grade" needs INCIDENT_ID GRADE and --reason')

    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      const db = store.db
      if (sub === 'queue') {
        const limit = values.limit === undefined ? 50 : Number(values.limit)
        const q = await reviewQueue(db, { limit })
        if (values.json) { io.out(JSON.stringify(q)); return 0 }
        io.out(`Reports to review (${q.reports.length}):`)
        for (const r of q.reports) io.out(`  ${r.id} v${r.version}  ${r.date ?? '?'}  ${r.place ?? '-'}  ${r.perpetrator}/${r.weapon}  killed ${r.killed.min ?? '?'}-${r.killed.max ?? ''}  ${r.outlet ?? r.source_id}  -> ${r.incident_id ?? 'no incident'}`)
        io.out(`Incidents to review (${q.incidents.length}):`)
        for (const i of q.incidents) io.out(`  ${i.id} v${i.version}  ${i.date ?? '?'}  ${i.place ?? '-'}  ${i.grade}  ${i.reports} report(s), ${i.independent_sources} source(s)`)
        return 0
      }
      const actor = await findUser(db, values.as!)
      if (!actor) { io.err(`harmwatch review: no user "${values.as}"`); return 1 }
      let result: Result<unknown, ReviewError>
      const id = args[0]!
      need(1, 'an id')
      switch (sub) {
        case 'accept':
          result = await acceptReport(db, actor, id, version ?? await currentVersion(db, 'reports', id)); break
        case 'accept-incident':
          result = await acceptIncident(db, actor, id, version ?? await currentVersion(db, 'incidents', id)); break
        case 'correct':
          result = await correctReport(db, actor, id, { field: values.field!, value, reason: values.reason! }, version ?? await currentVersion(db, 'reports', id)); break
        case 'reject':
          result = await rejectReport(db, actor, id, values.reason!, version ?? await currentVersion(db, 'reports', id)); break
        case 'merge': {
          need(2, 'two or more INCIDENT_IDs')
          const versions = values.versions !== undefined
            ? values.versions.split(',').map(Number)
            : await Promise.all(args.map((a) => currentVersion(db, 'incidents', a)))
          result = await mergeIncidents(db, actor, args, versions, values.reason ?? null); break
        }
        case 'split':
          need(2, 'INCIDENT_ID and one or more REPORT_IDs')
          result = await splitIncident(db, actor, id, args.slice(1), version ?? await currentVersion(db, 'incidents', id), values.reason ?? null); break
        case 'note':
          result = await addNote(db, actor, id, values.text!, version ?? await currentVersion(db, 'incidents', id)); break
        default:
          result = await setGrade(db, actor, id, args[1]!, values.reason!, version ?? await currentVersion(db, 'incidents', id))
      }
      if (!result.ok) { io.err(`harmwatch review: ${result.error.message} (${result.error.code})`); return 1 }
      io.out(values.json ? JSON.stringify(result.value) : `OK ${JSON.stringify(result.value)}`)
      return 0
    } finally {
      await store.close()
    }
  },
}
