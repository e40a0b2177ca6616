import { parseArgs } from 'node:util'
import { IncidentFilter, type IncidentView } from '../../domain/index.ts'
import { openStore } from '../../store/index.ts'
import { getIncident, listIncidents, redactForViewer } from '../../resolve/index.ts'
import { can, findUser } from '../../review/index.ts'
import { UsageError, type Command } from '../command.ts'

function line(i: IncidentView): string {
  const r = (x: { min: number | null; max: number | null }) => (x.min === null && x.max === null ? '-' : x.min === x.max ? String(x.min) : `${x.min ?? '?'}-${x.max ?? ''}`)
  const when = i.date_end ? `${i.date}..${i.date_end}` : i.date ?? '????-??-??'
  return `${i.id}  ${when}  ${i.places.map((p) => p.name).join(', ') || '(no place)'}  ${i.perpetrator ?? 'unknown'}/${i.weapon ?? 'unknown'}  killed ${r(i.killed)}  ${i.grade}  ${i.report_ids.length} report(s)`
}

export const command: Command = {
  name: 'incidents',
  summary: 'list resolved incidents (filters shared with the API and exports)',
  usage: `harmwatch incidents [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--area NAME] [--bbox W,S,E,N]
                    [--perpetrator P,..] [--weapon W,..] [--target T,..] [--grade G,..] [--q TEXT]
                    [--limit N] [--json]
harmwatch incidents --id INCIDENT_ID [--as USER] [--json]

Lists incidents newest first. --area matches a governorate or district in any common
spelling (Idlib, Idleb). --json prints an array of incidents:
[{"id", "date", "date_end", "places": [{"name", "lat", "lon", "precision", ...}], "perpetrator",
  "weapon", "targets", "killed": {"min", "max"}, "injured": {"min", "max"}, "grade",
  "source_ids", "report_ids", ...}]
--id prints one incident with its reports; victims' names and reviewer notes are shown
only with --as naming an analyst or above.`,
  async run(argv, { config, io }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' }, to: { type: 'string' }, area: { type: 'string' }, bbox: { type: 'string' },
        perpetrator: { type: 'string' }, weapon: { type: 'string' }, target: { type: 'string' }, grade: { type: 'string' },
        q: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, id: { type: 'string' }, as: { type: 'string' },
      },
    })
    const { json, id, limit, as, ...rest } = values
    const parsed = IncidentFilter.safeParse(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new UsageError(`bad --${String(issue?.path[0] ?? 'filter')}: ${issue?.message ?? 'invalid'}`)
    }
    const max = limit === undefined ? Infinity : Number(limit)
    if (!(max >= 1)) throw new UsageError(`bad --limit "${limit}": expected a positive number`)
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      if (id !== undefined) {
        const detail = await getIncident(store.db, id)
        if (!detail) { io.err(`harmwatch incidents: no incident "${id}"`); return 1 }
        const user = as === undefined ? undefined : await findUser(store.db, as)
        if (as !== undefined && !user) { io.err(`harmwatch incidents: no user "${as}"`); return 1 }
        const shown = user && can(user.role, 'read_sensitive') ? detail : redactForViewer(detail)
        if (json) io.out(JSON.stringify(shown, null, 2))
        else {
          io.out(line(shown))
          for (const r of shown.reports) io.out(`  ${r.id}  ${r.status}  v${r.version}  ${r.source.outlet ?? r.source_id}  ${r.source.published ?? ''}  ${r.source.url ?? ''}`)
          for (const g of shown.grade_reasons) io.out(`  grade: ${g}`)
        }
        return 0
      }
      const items: IncidentView[] = []
      let cursor: string | undefined
      do {
        const page = await listIncidents(store.db, { ...parsed.data, limit: Math.min(1000, max - items.length), ...(cursor ? { cursor } : {}) })
        items.push(...page.items)
        cursor = page.next_cursor ?? undefined
      } while (cursor && items.length < max)
      if (json) io.out(JSON.stringify(items))
      else if (items.length === 0) io.out('No incidents match.')
      else for (const i of items) io.out(line(i))
      return 0
    } finally {
      await store.close()
    }
  },
}
