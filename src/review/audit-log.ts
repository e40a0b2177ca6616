/**
 * The append-only, hash-chained audit log. Each entry's hash is
 * sha256(prev_hash + canonical JSON of the entry), canonical meaning keys sorted at every
 * level, so the chain survives the database's own reordering of jsonb keys. Appends are
 * serialised by a transaction-scoped advisory lock; `audit_head` remembers the newest
 * entry so that deleting the tail is detected as well as editing or deleting any entry.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../store/index.ts'

export const GENESIS_HASH = '0'.repeat(64)
// Arbitrary constant shared by every writer of the log: the key of its advisory lock.
const AUDIT_LOCK = 72_610_005

export interface AuditInput {
  actor: string
  action: string
  entity_type: string
  entity_id: string
  before?: unknown
  after?: unknown
  reason?: string | null
}

export interface AuditEntry {
  seq: number
  at: string
  actor: string
  action: string
  entity_type: string
  entity_id: string
  before: unknown
  after: unknown
  reason: string | null
  prev_hash: string
  hash: string
}

/** JSON with object keys sorted at every level; undefined members dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'prev_hash' | 'hash'>): string {
  const body = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, entity_type: e.entity_type, entity_id: e.entity_id, before: e.before ?? null, after: e.after ?? null, reason: e.reason ?? null })
  return createHash('sha256').update(prevHash).update(body).digest('hex')
}

// jsonb normalises values (e.g. drops undefined, keeps numbers as numbers): hash what will be read back.
const normal = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)) as unknown)

/** Appends one entry inside the caller's transaction (the change and its record commit together). */
export async function appendAudit(trx: Transaction<Database>, input: AuditInput): Promise<AuditEntry> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx)
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()
  const entry = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: input.actor, action: input.action, entity_type: input.entity_type, entity_id: input.entity_id,
    before: normal(input.before), after: normal(input.after), reason: input.reason ?? null,
  }
  const prev_hash = last?.hash ?? GENESIS_HASH
  const hash = entryHash(prev_hash, entry)
  await trx.insertInto('audit_log').values({
    ...entry, before: entry.before === null ? null : JSON.stringify(entry.before), after: entry.after === null ? null : JSON.stringify(entry.after), prev_hash, hash,
  }).execute()
  await trx.insertInto('audit_head').values({ id: 1, seq: entry.seq, hash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq: entry.seq, hash })).execute()
  return { ...entry, prev_hash, hash }
}

export interface AuditVerdict { ok: boolean; count: number; first_bad_seq?: number; reason?: string }

const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) as unknown : v)

/** Walks the whole chain; reports the first entry that was edited, deleted or inserted out of order. */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerdict> {
  let prev = GENESIS_HASH, expected = 1, count = 0
  const PAGE = 2000
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expected).orderBy('seq').limit(PAGE).execute()
    for (const r of rows) {
      if (r.seq !== expected) return { ok: false, count, first_bad_seq: expected, reason: `entry ${expected} is missing (next is ${r.seq})` }
      if (r.prev_hash !== prev) return { ok: false, count, first_bad_seq: r.seq, reason: `entry ${r.seq} does not follow entry ${r.seq - 1} (prev_hash differs)` }
      const h = entryHash(prev, { seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity_type: r.entity_type, entity_id: r.entity_id, before: parse(r.before), after: parse(r.after), reason: r.reason })
      if (h !== r.hash) return { ok: false, count, first_bad_seq: r.seq, reason: `entry ${r.seq} was edited (its hash does not match its content)` }
      prev = r.hash
      expected++
      count++
    }
    if (rows.length < PAGE) break
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst()
  if (head && (head.seq !== count || head.hash !== prev)) {
    return { ok: false, count, first_bad_seq: count + 1, reason: `the log ends at entry ${count} but entry ${head.seq} was written: the newest entries were deleted` }
  }
  if (!head && count > 0) return { ok: false, count, first_bad_seq: 1, reason: 'the head of the chain is missing' }
  return { ok: true, count }
}

/** The newest entries first, for `harmwatch audit log` and the API. */
export async function listAudit(db: Kysely<Database>, options: { entityId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(options.limit ?? 100)
  if (options.entityId) q = q.where('entity_id', '=', options.entityId)
  return (await q.execute()).map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }))
}
