/**
 * Firing alerts: after resolution, each new or changed incident is matched against the
 * enabled rules in SQL, and every match becomes a pending delivery in the outbox. An
 * incident fires a rule once per state of its reports: when a new report joins an
 * incident that matches, the rule fires again (trigger `report`).
 */
import { createHash, randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../store/index.ts'
import type { IncidentView } from '../../domain/index.ts'
import { incidentViews } from '../interop/incident-pages.ts'
// the incidents filter's own area key, so a rule's area matches what the list shows for it
import { areaKeySql } from '../../resolve/area-key.ts'

type Db = Kysely<Database>

export const ALERT_SCHEMA = 'harmwatch.alert/1' as const

export interface EvaluateResult {
  /** deliveries queued (one per rule and incident state) */
  fired: number
  deliveries: { id: string; rule_id: string; incident_id: string; trigger: 'incident' | 'report' }[]
}

const range = (r: IncidentView['killed']): string =>
  r.min === null && r.max === null ? 'unknown' : r.min === r.max ? String(r.min) : `${r.min ?? '?'}-${r.max ?? '?'}`

/** One line a chat channel can show as it is. */
function summaryOf(v: IncidentView, trigger: 'incident' | 'report'): string {
  const what = v.weapon && v.weapon !== 'unknown' ? v.weapon.replace(/_/g, ' ') : 'attack'
  const where = v.places[0]?.name || v.admin2 || v.admin1 || 'an unlocated place'
  const by = v.perpetrator && v.perpetrator !== 'unknown' ? ` attributed to ${v.perpetrator.replace(/_/g, ' ')}` : ''
  const lead = trigger === 'report' ? 'New report on incident' : 'New incident'
  return `${lead} ${v.id}: ${what} at ${where} on ${v.date ?? 'an unknown date'}${by}; killed ${range(v.killed)}, injured ${range(v.injured)} (grade ${v.grade}, ${v.reported_by.length} source${v.reported_by.length === 1 ? '' : 's'})`
}

/** Pairs (rule, incident) where the incident satisfies every condition the rule sets. */
async function matches(db: Db, incidentIds: readonly string[]): Promise<{ rule_id: string; rule_name: string; incident_id: string }[]> {
  const { rows } = await sql<{ rule_id: string; rule_name: string; incident_id: string }>`
    select r.id as rule_id, r.name as rule_name, i.id as incident_id
    from alert_rules r join incidents i on i.id = any(${[...incidentIds]}::text[])
    where r.enabled and i.status <> 'rejected'
      and (r.area_geom is null or (i.geom is not null and ST_Covers(r.area_geom, i.geom)))
      and (cardinality(r.area_keys) = 0
        or ${areaKeySql(sql.ref('i.admin1'))} = any(r.area_keys) or ${areaKeySql(sql.ref('i.admin2'))} = any(r.area_keys)
        or '=' || lower(i.admin1) = any(r.area_keys) or '=' || lower(i.admin2) = any(r.area_keys))
      and (r.date_from is null or coalesce(i.date_end, i.date) >= r.date_from)
      and (r.date_to is null or i.date <= r.date_to)
      and (cardinality(r.perpetrators) = 0 or i.perpetrator = any(r.perpetrators))
      and (cardinality(r.weapons) = 0 or i.weapon = any(r.weapons) or i.weapons && r.weapons)
      and (cardinality(r.targets) = 0 or i.targets && r.targets)
      and (r.min_killed is null or coalesce(i.killed_max, i.killed_min) >= r.min_killed)
    order by r.name, i.id`.execute(db)
  return rows
}

/**
 * Queues a webhook delivery for every enabled rule that one of `incidentIds` matches.
 * Safe to call again with the same ids: an unchanged incident does not fire twice.
 */
export async function evaluateAlerts(db: Db, opts: { incidentIds: readonly string[]; now?: () => Date }): Promise<EvaluateResult> {
  const result: EvaluateResult = { fired: 0, deliveries: [] }
  if (opts.incidentIds.length === 0) return result
  const found = await matches(db, opts.incidentIds)
  if (found.length === 0) return result
  const ids = [...new Set(found.map((m) => m.incident_id))]
  const views = new Map((await incidentViews(db, ids)).map((v) => [v.id, v]))
  const now = (opts.now ?? (() => new Date()))().toISOString()
  const earlier = await db.selectFrom('alert_deliveries').select(['rule_id', 'incident_id'])
    .where('incident_id', 'in', ids).execute()
  const seen = new Set(earlier.map((d) => `${d.rule_id}\0${d.incident_id}`))
  for (const m of found) {
    const incident = views.get(m.incident_id)
    if (!incident) continue
    // The incident's claims identify its state: a new report is news, a re-run is not.
    const stateKey = createHash('sha256').update(incident.report_ids.join('\n')).digest('hex').slice(0, 16)
    const trigger = seen.has(`${m.rule_id}\0${m.incident_id}`) ? 'report' : 'incident'
    const id = `dlv_${randomBytes(8).toString('hex')}`
    const body = JSON.stringify({
      schema: ALERT_SCHEMA,
      delivery_id: id,
      rule: { id: m.rule_id, name: m.rule_name },
      trigger,
      fired_at: now,
      summary: summaryOf(incident, trigger),
      incident,
    })
    const r = await db.insertInto('alert_deliveries')
      .values({ id, rule_id: m.rule_id, incident_id: m.incident_id, state_key: stateKey, trigger, body, next_attempt_at: now })
      .onConflict((oc) => oc.columns(['rule_id', 'incident_id', 'state_key']).doNothing())
      .returning('id').executeTakeFirst()
    if (r) {
      result.fired++
      result.deliveries.push({ id, rule_id: m.rule_id, incident_id: m.incident_id, trigger })
    }
  }
  return result
}

/** The database's clock now: take it before a stage runs, pass it to `evaluateAlertsSince` after. */
export async function alertCheckpoint(db: Db): Promise<string> {
  const { rows } = await sql<{ now: string }>`select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`.execute(db)
  return rows[0]!.now
}

/**
 * Evaluates the rules on every incident created or changed (resolution bumps `updated_at`)
 * since `since` (from `alertCheckpoint`), for callers that do not know which incidents changed.
 */
export async function evaluateAlertsSince(db: Db, opts: { since: string; now?: () => Date }): Promise<EvaluateResult> {
  const rows = await db.selectFrom('incidents').select('id')
    .where((eb) => eb.or([eb('updated_at', '>=', opts.since), eb('created_at', '>=', opts.since)])).execute()
  return evaluateAlerts(db, { incidentIds: rows.map((r) => r.id), ...(opts.now ? { now: opts.now } : {}) })
}
