/**
 * The delivery worker: sends due deliveries from the outbox as signed JSON POSTs and
 * logs every attempt. A failed attempt is retried with exponential backoff and jitter;
 * nothing is dropped, and a delivery is recorded as delivered exactly once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../store/index.ts'
import { errorMessage } from '../../domain/index.ts'

type Db = Kysely<Database>

export const SIGNATURE_HEADER = 'X-Harmwatch-Signature'

/** `sha256=<hex HMAC-SHA256 of body keyed by secret>`: the value of `X-Harmwatch-Signature`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

/** For receivers: true when `header` is the signature of `body` under `secret` (constant time). */
export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false
  const want = Buffer.from(signBody(secret, body))
  const got = Buffer.from(header)
  return want.length === got.length && timingSafeEqual(want, got)
}

export interface RetryPolicy {
  /** delay before the 2nd attempt, doubled for each later one (ms) */
  baseDelayMs: number
  /** ceiling of the delay (ms) */
  maxDelayMs: number
  /** after this many failed attempts the delivery is `failed` (kept, and can be requeued) */
  maxAttempts: number
}

/** 30 s, 1 min, 2 min ... capped at 1 h: about 20 hours before a delivery is given up. */
export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 25 }

/** Delay after the `attempt`-th failure: exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exp / 2 + random() * (exp / 2))
}

export interface DeliverOptions {
  fetch?: typeof globalThis.fetch
  now?: () => Date
  random?: () => number
  retry?: Partial<RetryPolicy>
  /** per-request time limit (ms) @default 10000 */
  timeoutMs?: number
  /** at most this many deliveries in one run @default 100 */
  limit?: number
  /** requests in flight at once @default 4 */
  concurrency?: number
}

export interface DeliverResult {
  attempted: number
  delivered: number
  retrying: number
  failed: number
}

// Claimed deliveries are pushed into the future for this long, so a worker that dies
// mid-send leaves them to be retried rather than lost, and two workers never send one twice at once.
const LEASE_MS = 120_000

/** Why a request failed, in one line: "connection refused (ECONNREFUSED)", "HTTP 503 Service Unavailable". */
export function describeFailure(e: unknown, timeoutMs?: number): string {
  if (e instanceof Error && e.name === 'TimeoutError') return `no answer within ${timeoutMs === undefined ? 'the time limit' : `${timeoutMs / 1000} s`} (timeout)`
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined
  const code = cause?.code
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
    UND_ERR_SOCKET: 'connection closed by the receiver',
  }
  if (code) return `${words[code] ?? cause?.message ?? 'network error'} (${code})`
  // fetch refuses well-known non-HTTP ports (9, 25, 6000 ...) before connecting
  if (cause?.message === 'bad port') return 'fetch refuses to connect to this port (bad port): use another port for the webhook'
  if (cause?.message) return cause.message
  return errorMessage(e)
}

/** Sends every pending delivery whose time has come; returns what happened. */
export async function deliverDue(db: Db, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const doFetch = opts.fetch ?? globalThis.fetch
  const now = opts.now ?? (() => new Date())
  const random = opts.random ?? Math.random
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry }
  const timeoutMs = opts.timeoutMs ?? 10_000
  const result: DeliverResult = { attempted: 0, delivered: 0, retrying: 0, failed: 0 }

  const at = now()
  const lease = new Date(at.getTime() + LEASE_MS).toISOString()
  const { rows: claimed } = await sql<{ id: string; rule_id: string; body: string; attempts: number; logged: number }>`
    update alert_deliveries d set next_attempt_at = ${lease}::timestamptz
    where id in (select id from alert_deliveries where status = 'pending' and next_attempt_at <= ${at.toISOString()}::timestamptz
      order by next_attempt_at, id limit ${opts.limit ?? 100} for update skip locked)
    returning d.id, d.rule_id, d.body, d.attempts,
      (select coalesce(max(a.attempt), 0) from alert_attempts a where a.delivery_id = d.id)::int as logged`.execute(db)
  if (claimed.length === 0) return result
  const rules = new Map((await db.selectFrom('alert_rules').select(['id', 'webhook_url', 'secret'])
    .where('id', 'in', [...new Set(claimed.map((c) => c.rule_id))]).execute()).map((r) => [r.id, r]))

  // A few sends at once, so one receiver that never answers does not hold up the others for its timeouts.
  const queue = claimed.sort((a, b) => a.id.localeCompare(b.id))
  const sendOne = async (d: (typeof claimed)[number]): Promise<void> => {
    const rule = rules.get(d.rule_id)
    if (!rule) return
    // `attempts` counts since the delivery was (re)queued; the log numbers every attempt ever made.
    const attempt = d.attempts + 1
    const logNo = d.logged + 1
    const started = now()
    let status: number | null = null
    let error: string | null = null
    try {
      const res = await doFetch(rule.webhook_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'harmwatch-alerts/1',
          [SIGNATURE_HEADER]: signBody(rule.secret, d.body),
          'X-Harmwatch-Delivery': d.id,
          'X-Harmwatch-Attempt': String(logNo),
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
      status = res.status
      await res.body?.cancel().catch(() => undefined)
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`
    } catch (e) {
      error = describeFailure(e, timeoutMs)
    }
    const finished = now()
    const outcome = error === null ? 'delivered' : attempt >= policy.maxAttempts ? 'failed' : 'retry'
    const message = error === null ? null : `POST ${rule.webhook_url} failed: ${error}`
    const next = outcome === 'retry' ? new Date(finished.getTime() + backoffDelay(attempt, policy, random)).toISOString() : finished.toISOString()
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('alert_attempts').values({
        delivery_id: d.id, attempt: logNo, at: started.toISOString(), url: rule.webhook_url, http_status: status, outcome,
        error: message, duration_ms: Math.max(0, finished.getTime() - started.getTime()),
      }).execute()
      await trx.updateTable('alert_deliveries').set({
        attempts: attempt,
        status: outcome === 'retry' ? 'pending' : outcome,
        next_attempt_at: next,
        last_error: message,
        ...(outcome === 'delivered' ? { delivered_at: finished.toISOString() } : {}),
      }).where('id', '=', d.id).where('status', '=', 'pending').execute()
    })
    result.attempted++
    if (outcome === 'delivered') result.delivered++
    else if (outcome === 'retry') result.retrying++
    else result.failed++
  }
  const workers = Array.from({ length: Math.min(opts.concurrency ?? 4, queue.length) }, async () => {
    for (let d = queue.shift(); d; d = queue.shift()) await sendOne(d)
  })
  await Promise.all(workers)
  return result
}

/**
 * Puts failed deliveries back in the queue with a fresh round of retries (e.g. after fixing
 * a receiver); the log keeps the earlier attempts. Returns how many.
 */
export async function requeueFailed(db: Db, opts: { ruleId?: string; now?: () => Date } = {}): Promise<number> {
  let q = db.updateTable('alert_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: (opts.now ?? (() => new Date()))().toISOString() })
    .where('status', '=', 'failed')
  if (opts.ruleId) q = q.where('rule_id', '=', opts.ruleId)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/**
 * Runs `deliverDue` every `intervalMs` until `signal` aborts (for `alert deliver --watch`
 * and for servers that send alerts in the background). A failing run is reported to
 * `onError` and the loop goes on.
 */
export async function runDeliveryWorker(db: Db, opts: DeliverOptions & {
  intervalMs?: number
  signal: AbortSignal
  onResult?: (r: DeliverResult) => void
  onError?: (e: unknown) => void
}): Promise<void> {
  const { intervalMs = 10_000, signal, onResult, onError, ...deliver } = opts
  while (!signal.aborted) {
    try {
      // not `onResult?.(await deliverDue(...))`: optional chaining would skip the delivery itself when no one listens
      const result = await deliverDue(db, deliver)
      onResult?.(result)
    } catch (e) {
      onError?.(e)
    }
    await new Promise<void>((resolve) => {
      // one listener per wait, removed when the wait ends: a long-running server loops forever
      const onAbort = () => { clearTimeout(t); resolve() }
      const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve() }, intervalMs)
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }
}

/**
 * Sends one signed test body to a rule's webhook now, outside the outbox (nothing is
 * queued or retried), so whoever sets up a receiver can check its URL and signature check.
 */
export async function sendTestAlert(db: Db, idOrName: string, opts: Pick<DeliverOptions, 'fetch' | 'timeoutMs' | 'now'> = {}): Promise<{ ok: true; status: number } | { ok: false; error: string }> {
  const rule = await db.selectFrom('alert_rules').select(['id', 'name', 'webhook_url', 'secret'])
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)])).executeTakeFirst()
  if (!rule) return { ok: false, error: `Cannot test alert rule "${idOrName}": no such rule` }
  const timeoutMs = opts.timeoutMs ?? 10_000
  const body = JSON.stringify({
    schema: 'harmwatch.alert/1', test: true, rule: { id: rule.id, name: rule.name }, trigger: 'test',
    fired_at: (opts.now ?? (() => new Date()))().toISOString(), summary: `Test alert from Harmwatch for rule "${rule.name}"`, incident: null,
  })
  try {
    const res = await (opts.fetch ?? globalThis.fetch)(rule.webhook_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'harmwatch-alerts/1', [SIGNATURE_HEADER]: signBody(rule.secret, body), 'X-Harmwatch-Delivery': 'test' },
      body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
    })
    await res.body?.cancel().catch(() => undefined)
    if (res.status < 200 || res.status >= 300) return { ok: false, error: `POST ${rule.webhook_url} failed: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` }
    return { ok: true, status: res.status }
  } catch (e) {
    return { ok: false, error: `POST ${rule.webhook_url} failed: ${describeFailure(e, timeoutMs)}` }
  }
}
