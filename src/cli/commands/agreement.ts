import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { addAgreement, agreementViolations, formatRange, listAgreements, loadAgreementFile } from '../../monitor/agreements/index.ts'
import { IsoDate } from '../../domain/index.ts'
import { UsageError, type Command } from '../command.ts'

const USAGE = `harmwatch agreement add FILE.json
harmwatch agreement list [--json] [--as-of DATE]
harmwatch agreement violations ID [--json] [--from DATE] [--to DATE] [--as-of DATE]

Agreements (ceasefires, de-escalation and demilitarised zones) with their zones and deadlines.
  add         validate FILE.json (schema, dates, zone polygons) and store it; replaces an
              agreement with the same id. See demo/agreements/ for the format.
  list        agreements with their zones and the status of each deadline
  violations  incidents inside the agreement's zones after they took effect, by perpetrator
              and by week, with the status of each deadline (judged --as-of, default today)`

function date(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined
  if (!IsoDate.safeParse(v).success) throw new UsageError(`--${name} "${v}" is not a date (expected YYYY-MM-DD)`)
  return v
}

export const command: Command = {
  name: 'agreement',
  summary: 'add agreements (zones, deadlines) and report their violations',
  usage: USAGE,
  async run(argv, { config, io }) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: { json: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' }, 'as-of': { type: 'string' } },
    })
    const [sub, arg, ...extra] = positionals
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`)
    const asOf = date('as-of', values['as-of'])
    if (sub === 'add') {
      if (!arg) throw new UsageError('add needs FILE.json')
      // validate before touching the store: a bad file leaves nothing behind
      const loaded = await loadAgreementFile(arg)
      if (!loaded.ok) { io.err(loaded.error); return 1 }
      const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
      try {
        const r = await addAgreement(store.db, loaded.value)
        if (!r.ok) { io.err(r.error); return 1 }
        io.out(values.json ? JSON.stringify(r.value)
          : `${r.value.replaced ? 'Replaced' : 'Added'} agreement ${r.value.id}: ${r.value.zones} zone(s), ${r.value.obligations} obligation(s)`)
        return 0
      } finally { await store.close() }
    }
    if (sub === 'list' || sub === 'violations') {
      if (sub === 'violations' && !arg) throw new UsageError('violations needs the agreement ID')
      if (sub === 'list' && arg) throw new UsageError(`unexpected argument "${arg}"`)
      const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
      try {
        if (sub === 'list') {
          const list = await listAgreements(store.db, asOf ? { asOf } : {})
          if (values.json) { io.out(JSON.stringify(list, null, 2)); return 0 }
          if (list.length === 0) { io.out('No agreements (add one with: harmwatch agreement add FILE.json)'); return 0 }
          for (const a of list) {
            io.out(`${a.id}  ${a.name}  (${a.parties.join(', ')}; signed ${a.signed}, effective ${a.effective}${a.ends ? `, ended ${a.ends}` : ''})`)
            for (const z of a.zones) io.out(`  zone ${z.id}: ${z.name}${z.approximate ? ' [approximate]' : ''}, from ${z.effective}`)
            for (const o of a.obligations) io.out(`  ${o.deadline ?? 'no deadline'}  ${o.state.padEnd(17)}  ${o.text}`)
          }
          return 0
        }
        const opts = { ...(asOf ? { asOf } : {}), ...(values.from ? { from: date('from', values.from)! } : {}), ...(values.to ? { to: date('to', values.to)! } : {}) }
        const r = await agreementViolations(store.db, arg!, opts)
        if (!r.ok) { io.err(r.error); return 1 }
        const v = r.value
        if (values.json) { io.out(JSON.stringify(v, null, 2)); return 0 }
        io.out(`${v.agreement.name} (${v.agreement.id}), signed ${v.agreement.signed}`)
        io.out(`Incidents inside the zone after it took effect: ${v.total.incidents}; killed ${formatRange(v.total.killed)}, injured ${formatRange(v.total.injured)}`)
        if (v.imprecise) io.out(`  (${v.imprecise} located only to an admin area: inside by the area's centre)`)
        if (v.by_perpetrator.length) {
          io.out('By perpetrator:')
          for (const p of v.by_perpetrator) io.out(`  ${p.perpetrator.padEnd(28)} ${String(p.incidents).padStart(4)} incidents  killed ${formatRange(p.killed)}`)
          io.out('By week (from Monday):')
          for (const w of v.by_week) io.out(`  ${w.week_start}  ${String(w.incidents).padStart(4)} incidents  killed ${formatRange(w.killed)}`)
        }
        io.out('Deadlines:')
        for (const o of v.agreement.obligations) io.out(`  ${o.deadline ?? 'no deadline'}  ${o.state.padEnd(17)}  ${o.text}${o.evidence ? ` (${o.evidence})` : ''}`)
        return 0
      } finally { await store.close() }
    }
    throw new UsageError(sub ? `unknown subcommand "${sub}" (add, list, violations)` : 'missing subcommand (add, list, violations)')
  },
}
