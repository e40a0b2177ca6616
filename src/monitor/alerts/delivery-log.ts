/**
 * The delivery log: every delivery of every rule with each attempt made (time, HTTP
 * status, outcome, error), newest first. Nothing here is ever deleted by the worker.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../store/index.ts'

type Db = Kysely<Database>

export interface DeliveryAttempt {
  attempt: number
  at: string
  http_status: number | null
  outcome: 'delivered' | 'retry' | 'failed'
  error: string | null
  duration_ms: number
}

export interface DeliveryLogEntry {
  id: string
  rule_id: string
  rule_name: string
  incident_id: string
  trigger: 'incident' | 'report'
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  next_attempt_at: string | null
  last_error: string | null
  delivered_at: string | null
  created_at: string
  log: DeliveryAttempt[]
}

export interface DeliveryLogFilter {
  /** rule id or name */
  rule?: string | undefined
  status?: 'pending' | 'delivered' | 'failed' | undefined
  incidentId?: string | undefined
  limit?: number | undefined
}

const iso = (v: string | Date | null): string | null => (v === null ? null : typeof v === 'string' ? v : v.toISOString())

export async function deliveryLog(db: Db, f: DeliveryLogFilter = {}): Promise<DeliveryLogEntry[]> {
  let q = db.selectFrom('alert_deliveries as d').innerJoin('alert_rules as r', 'r.id', 'd.rule_id')
    .select(['d.id', 'd.rule_id', 'r.name as rule_name', 'd.incident_id', 'd.trigger', 'd.status', 'd.attempts',
      'd.next_attempt_at', 'd.last_error', 'd.delivered_at', 'd.created_at'])
  if (f.rule) q = q.where((eb) => eb.or([eb('r.id', '=', f.rule!), eb('r.name', '=', f.rule!)]))
  if (f.status) q = q.where('d.status', '=', f.status)
  if (f.incidentId) q = q.where('d.incident_id', '=', f.incidentId)
  const rows = await q.orderBy('d.created_at', 'desc').orderBy('d.id').limit(f.limit ?? 200).execute()
  const attempts = rows.length
    ? await db.selectFrom('alert_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id))
      .orderBy('delivery_id').orderBy('attempt').execute()
    : []
  return rows.map((r) => ({
    id: r.id,
    rule_id: r.rule_id,
    rule_name: r.rule_name,
    incident_id: r.incident_id,
    trigger: r.trigger,
    status: r.status,
    attempts: r.attempts,
    next_attempt_at: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    last_error: r.last_error,
    delivered_at: iso(r.delivered_at),
    created_at: iso(r.created_at) ?? '',
    log: attempts.filter((a) => a.delivery_id === r.id).map((a) => ({
      attempt: a.attempt, at: iso(a.at) ?? '', http_status: a.http_status, outcome: a.outcome, error: a.error, duration_ms: a.duration_ms,
    })),
  }))
}

/** One line per attempt, for terminals. */
export function formatDeliveryLog(entries: readonly DeliveryLogEntry[]): string {
  const lines: string[] = []
  for (const e of entries) {
    const head = `${e.id}  rule "${e.rule_name}"  incident ${e.incident_id}  ${e.trigger}  ${e.status.toUpperCase()}` +
      (e.status === 'pending' && e.next_attempt_at ? `  next attempt ${e.next_attempt_at}` : '') +
      (e.delivered_at ? `  delivered ${e.delivered_at}` : '')
    lines.push(head)
    if (e.log.length === 0) lines.push('    (no attempt yet)')
    for (const a of e.log) {
      lines.push(`    #${a.attempt} ${a.at}  ${a.outcome}${a.http_status !== null ? `  HTTP ${a.http_status}` : ''}  ${a.duration_ms} ms${a.error ? `  ${a.error}` : ''}`)
    }
  }
  return lines.join('\n')
}
