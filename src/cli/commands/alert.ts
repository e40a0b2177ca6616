import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openStore, type Store } from '../../store/index.ts'
import {
  addAlertRule, deleteAlertRule, deliverDue, deliveryLog, runDeliveryWorker, sendTestAlert, formatDeliveryLog, listAlertRules, requeueFailed, setAlertRuleEnabled,
} from '../../monitor/alerts/index.ts'
import { UsageError, type Command, type Io } from '../command.ts'

const USAGE = `harmwatch alert add --name NAME --webhook URL --secret SECRET [conditions]
harmwatch alert list [--json]
harmwatch alert log [--rule NAME] [--status pending|delivered|failed] [--limit N] [--json]
harmwatch alert deliver [--watch] [--interval SECONDS] [--requeue-failed]
harmwatch alert test NAME                 send one signed test body to the rule's webhook now
harmwatch alert enable|disable|remove NAME

Alert rules fire when a new incident, or a new report of one, matches every condition
the rule sets; each match is sent to the rule's webhook as a JSON POST signed with
X-Harmwatch-Signature: sha256=<HMAC-SHA256 of the body keyed by SECRET>. Failed sends
are retried with exponential backoff; \`alert log\` shows every attempt.

Conditions (all optional; a list matches any of its values):
  --area NAME | --area-file POLYGON.geojson   admin area by name, or a GeoJSON (Multi)Polygon
  --from YYYY-MM-DD --to YYYY-MM-DD           incident dates
  --perpetrator a,b  --weapon a,b  --target a,b
  --min-killed N                              highest reported death toll at least N

deliver sends what is due once; --watch keeps sending every --interval seconds (default 10)
until interrupted. --requeue-failed first puts given-up deliveries back in the queue.`

const list = (s: string | undefined): string[] => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [])

async function withStore<T>(config: { home: string; databaseUrl: string | undefined; databaseSchema: string | undefined }, f: (s: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
  try {
    return await f(store)
  } finally {
    await store.close()
  }
}

function readPolygon(path: string): unknown {
  let doc: { type?: string; geometry?: unknown; features?: { geometry?: unknown }[] }
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as typeof doc
  } catch (e) {
    throw new UsageError(`--area-file "${path}": ${(e as Error).message}`)
  }
  if (doc.type === 'Feature') return doc.geometry
  if (doc.type === 'FeatureCollection') return doc.features?.[0]?.geometry
  return doc
}

async function deliver(store: Store, io: Io): Promise<number> {
  const r = await deliverDue(store.db)
  if (r.attempted) io.out(`Sent ${r.attempted}: ${r.delivered} delivered, ${r.retrying} to retry, ${r.failed} given up`)
  return r.failed
}

export const command: Command = {
  name: 'alert',
  summary: 'alert rules with webhook delivery: add, list, log, deliver',
  usage: USAGE,
  async run(argv, { config, io }) {
    const [sub, ...rest] = argv
    const { values, positionals } = parseArgs({
      args: rest, allowPositionals: true,
      options: {
        name: { type: 'string' }, webhook: { type: 'string' }, secret: { type: 'string' }, area: { type: 'string' },
        'area-file': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, perpetrator: { type: 'string' },
        weapon: { type: 'string' }, target: { type: 'string' }, 'min-killed': { type: 'string' }, json: { type: 'boolean' },
        rule: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' }, watch: { type: 'boolean' },
        interval: { type: 'string' }, 'requeue-failed': { type: 'boolean' },
      },
    })
    switch (sub) {
      case 'add': {
        if (!values.name || !values.webhook || !values.secret) throw new UsageError('add needs --name, --webhook and --secret')
        if (values.area && values['area-file']) throw new UsageError('give --area or --area-file, not both')
        const minKilled = values['min-killed'] === undefined ? undefined : Number(values['min-killed'])
        if (minKilled !== undefined && !(Number.isInteger(minKilled) && minKilled >= 0)) throw new UsageError(`--min-killed must be a whole number >= 0 (got "${values['min-killed']}")`)
        const input = {
          name: values.name, webhook_url: values.webhook, secret: values.secret,
          area: values['area-file'] ? readPolygon(values['area-file']) : values.area,
          from: values.from, to: values.to, perpetrators: list(values.perpetrator), weapons: list(values.weapon),
          targets: list(values.target), min_killed: minKilled,
        }
        return withStore(config, async (store) => {
          const r = await addAlertRule(store.db, input, { createdBy: 'cli' })
          if (!r.ok) {
            io.err(r.error)
            return 1
          }
          io.out(values.json ? JSON.stringify(r.value) : `Added alert rule "${r.value.name}" (${r.value.id}) -> ${r.value.webhook_url}`)
          return 0
        })
      }
      case 'list':
        return withStore(config, async (store) => {
          const rules = await listAlertRules(store.db)
          if (values.json) io.out(JSON.stringify(rules))
          else if (rules.length === 0) io.out('No alert rules (harmwatch alert add ...)')
          else {
            for (const r of rules) {
              const cond = [
                r.area ? `area ${typeof r.area === 'string' ? r.area : r.area.type}` : '', r.from || r.to ? `${r.from ?? '…'}..${r.to ?? '…'}` : '',
                r.perpetrators.length ? `perpetrator ${r.perpetrators.join(',')}` : '', r.weapons.length ? `weapon ${r.weapons.join(',')}` : '',
                r.targets.length ? `target ${r.targets.join(',')}` : '', r.min_killed !== null ? `killed >= ${r.min_killed}` : '',
              ].filter(Boolean).join('; ')
              io.out(`${r.id}  ${r.name}${r.enabled ? '' : ' (disabled)'}  -> ${r.webhook_url}  ${cond || 'every incident'}`)
            }
          }
          return 0
        })
      case 'log': {
        const status = values.status
        if (status !== undefined && !['pending', 'delivered', 'failed'].includes(status)) throw new UsageError('--status must be pending, delivered or failed')
        const limit = values.limit === undefined ? undefined : Number(values.limit)
        if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit must be a whole number > 0')
        return withStore(config, async (store) => {
          const log = await deliveryLog(store.db, { rule: values.rule, status: status as 'pending' | 'delivered' | 'failed' | undefined, limit })
          io.out(values.json ? JSON.stringify(log) : log.length ? formatDeliveryLog(log) : 'No deliveries yet')
          return 0
        })
      }
      case 'deliver': {
        const interval = values.interval === undefined ? 10 : Number(values.interval)
        if (!(interval > 0)) throw new UsageError('--interval must be a number of seconds > 0')
        return withStore(config, async (store) => {
          if (values['requeue-failed']) io.out(`Requeued ${await requeueFailed(store.db)} failed deliveries`)
          if (!values.watch) {
            const failed = await deliver(store, io)
            return failed ? 1 : 0
          }
          const stop = new AbortController()
          const onSignal = () => stop.abort()
          process.once('SIGINT', onSignal)
          process.once('SIGTERM', onSignal)
          try {
            await runDeliveryWorker(store.db, {
              intervalMs: interval * 1000,
              signal: stop.signal,
              onResult: (r) => { if (r.attempted) io.out(`Sent ${r.attempted}: ${r.delivered} delivered, ${r.retrying} to retry, ${r.failed} given up`) },
              onError: (e) => io.err(`harmwatch alert deliver: ${e instanceof Error ? e.message : String(e)} (will try again)`),
            })
          } finally {
            process.off('SIGINT', onSignal)
            process.off('SIGTERM', onSignal)
          }
          return 0
        })
      }
      case 'test': {
        const name = positionals[0]
        if (!name) throw new UsageError("test needs the rule's NAME or id")
        return withStore(config, async (store) => {
          const r = await sendTestAlert(store.db, name)
          if (!r.ok) {
            io.err(r.error)
            return 1
          }
          io.out(`Test alert for "${name}" delivered (HTTP ${r.status})`)
          return 0
        })
      }
      case 'enable': case 'disable': case 'remove': {
        const name = positionals[0]
        if (!name) throw new UsageError(`${sub} needs the rule's NAME or id`)
        return withStore(config, async (store) => {
          const done = sub === 'remove' ? await deleteAlertRule(store.db, name, { actor: 'cli' }) : await setAlertRuleEnabled(store.db, name, sub === 'enable', { actor: 'cli' })
          if (!done) {
            io.err(`Cannot ${sub} alert rule "${name}": no such rule`)
            return 1
          }
          io.out(`${sub === 'remove' ? 'Removed' : sub === 'enable' ? 'Enabled' : 'Disabled'} alert rule "${name}"`)
          return 0
        })
      }
      default:
        throw new UsageError(sub === undefined ? 'give a subcommand: add, list, log, deliver, test, enable, disable, remove' : `unknown subcommand "${sub}" (add, list, log, deliver, test, enable, disable, remove)`)
    }
  },
}
