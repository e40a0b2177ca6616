/**
 * The review workflow as store functions (the CLI and the API call these): accept,
 * correct or reject a report; accept, merge, split or grade incidents. Each action checks
 * the actor's role, locks the rows it changes, compares the version the reviewer saw
 * (optimistic concurrency: the second of two writers gets `conflict` and nothing is lost),
 * and commits the change together with its audit entry, before and after.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import { err, ExtractedEvent, Grade, newIncidentId, ok, type Result } from '../domain/index.ts'
import { point, type Database } from '../store/index.ts'
import { refreshIncident, insertIncident, membersOf } from '../resolve/index.ts'
import { appendAudit } from './audit-log.ts'
import type { ReviewError } from './review-error.ts'
import { can, type Action, type Actor } from './roles.ts'

type Db = Kysely<Database>
type Trx = Transaction<Database>
type R<T> = Result<T, ReviewError>

/** Thrown inside a transaction to roll it back and come out as a Result. */
class Abort extends Error {
  readonly error: ReviewError
  constructor(error: ReviewError) { super(error.message); this.error = error }
}
const fail = (code: ReviewError['code'], message: string): never => { throw new Abort({ code, message }) }

async function run<T>(db: Db, actor: Actor, action: Action, what: string, body: (trx: Trx) => Promise<T>): Promise<R<T>> {
  if (!can(actor.role, action)) return err({ code: 'forbidden', message: `Cannot ${what}: ${actor.name} is ${actor.role}, this needs ${action === 'review' ? 'analyst' : action === 'manage_users' ? 'admin' : 'editor'} or above` })
  try {
    return ok(await db.transaction().execute(body))
  } catch (e) {
    if (e instanceof Abort) return err(e.error)
    throw e
  }
}

export interface ReportState { id: string; status: string; version: number; incident_id: string | null }
export interface IncidentState { id: string; status: string; grade: string; version: number; report_ids: string[] }

async function lockReport(trx: Trx, id: string, expected: number, what: string) {
  const r = await trx.selectFrom('reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!r) return fail('not_found', `Cannot ${what}: no report "${id}"`)
  if (r.version !== expected) fail('conflict', `Cannot ${what}: report "${id}" is at version ${r.version}, you edited version ${expected}; reload and try again`)
  return r
}

async function lockIncident(trx: Trx, id: string, expected: number, what: string) {
  const r = await trx.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!r) return fail('not_found', `Cannot ${what}: no incident "${id}"`)
  if (r.version !== expected) fail('conflict', `Cannot ${what}: incident "${id}" is at version ${r.version}, you edited version ${expected}; reload and try again`)
  return r
}

async function incidentState(trx: Trx, id: string): Promise<IncidentState | null> {
  const row = await trx.selectFrom('incidents').select(['id', 'status', 'grade', 'version']).where('id', '=', id).executeTakeFirst()
  if (!row) return null
  return { ...row, report_ids: (await membersOf(trx, [id])).get(id)?.report_ids ?? [] }
}

async function setReportStatus(db: Db, actor: Actor, reportId: string, status: 'accepted' | 'rejected', reason: string | null, expectedVersion: number): Promise<R<ReportState>> {
  const verb = status === 'accepted' ? 'accept' : 'reject'
  return run(db, actor, 'review', `${verb} report "${reportId}"`, async (trx) => {
    const r = await lockReport(trx, reportId, expectedVersion, `${verb} report "${reportId}"`)
    const after = { id: r.id, status, version: r.version + 1, incident_id: r.incident_id }
    await trx.updateTable('reports').set({ status, version: after.version }).where('id', '=', reportId).execute()
    if (r.incident_id) await refreshIncident(trx, r.incident_id)
    await appendAudit(trx, { actor: actor.name, action: `report.${verb}`, entity_type: 'report', entity_id: reportId, before: { status: r.status, version: r.version }, after: { status, version: after.version }, reason })
    return after
  })
}

/** Marks a report as checked and right. */
export function acceptReport(db: Db, actor: Actor, reportId: string, expectedVersion: number): Promise<R<ReportState>> {
  return setReportStatus(db, actor, reportId, 'accepted', null, expectedVersion)
}

/** Takes a report out of its incident's figures (kept, marked rejected, visible in the incident's detail). */
export function rejectReport(db: Db, actor: Actor, reportId: string, reason: string, expectedVersion: number): Promise<R<ReportState>> {
  if (!reason.trim()) return Promise.resolve(err({ code: 'invalid', message: `Cannot reject report "${reportId}": give a reason` }))
  return setReportStatus(db, actor, reportId, 'rejected', reason, expectedVersion)
}

/** Event fields a reviewer may correct, each checked against the extraction contract's schema. */
export const CORRECTABLE_FIELDS = ['date', 'date_end', 'event_type', 'sub_event_type', 'perpetrator', 'weapon', 'weapons', 'targets', 'places', 'killed', 'injured', 'children_killed', 'victims', 'reported_by'] as const
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number]

/** Replaces one field of a report's event, with the reason; the incident's figures follow. */
export async function correctReport(db: Db, actor: Actor, reportId: string, change: { field: string; value: unknown; reason: string }, expectedVersion: number): Promise<R<ReportState & { field: string }>> {
  const what = `correct ${change.field} of report "${reportId}"`
  if (!(CORRECTABLE_FIELDS as readonly string[]).includes(change.field)) {
    return err({ code: 'invalid', message: `Cannot ${what}: "${change.field}" is not a correctable field (${CORRECTABLE_FIELDS.join(', ')})` })
  }
  if (!change.reason?.trim()) return err({ code: 'invalid', message: `Cannot ${what}: give a reason` })
  const field = change.field as CorrectableField
  const parsed = ExtractedEvent.shape[field].safeParse(change.value)
  if (!parsed.success) return err({ code: 'invalid', message: `Cannot ${what}: ${parsed.error.issues[0]?.message ?? 'invalid value'}` })
  return run(db, actor, 'review', what, async (trx) => {
    const r = await lockReport(trx, reportId, expectedVersion, what)
    const event = { ...(typeof r.event === 'string' ? JSON.parse(r.event) : r.event) as Record<string, unknown>, [field]: parsed.data }
    const fixed = ExtractedEvent.safeParse(event)
    if (!fixed.success) fail('invalid', `Cannot ${what}: the corrected event breaks the contract (${fixed.error.issues[0]?.path.join('.')}: ${fixed.error.issues[0]?.message})`)
    const e = fixed.data!
    const p = e.places[0]
    const version = r.version + 1
    await trx.updateTable('reports').set({
      event: JSON.stringify(event), date: e.date, date_end: e.date_end, event_type: e.event_type, sub_event_type: e.sub_event_type,
      perpetrator: e.perpetrator, weapon: e.weapon, targets: e.targets,
      killed_min: e.killed?.min ?? null, killed_max: e.killed?.max ?? null, injured_min: e.injured?.min ?? null, injured_max: e.injured?.max ?? null,
      geom: point(p?.lat, p?.lon), precision: p?.precision ?? null, admin1: p?.admin1 ?? null,
      status: 'corrected', version,
    }).where('id', '=', reportId).execute()
    if (r.incident_id) await refreshIncident(trx, r.incident_id)
    const old = (typeof r.event === 'string' ? JSON.parse(r.event) : r.event) as Record<string, unknown>
    // Victims' names are sensitive and the audit log is not: it records how many, not who.
    const shown = (v: unknown) => (field === 'victims' ? { names: Array.isArray(v) ? v.length : 0 } : v ?? null)
    await appendAudit(trx, { actor: actor.name, action: 'report.correct', entity_type: 'report', entity_id: reportId, before: { [field]: shown(old[field]), version: r.version }, after: { [field]: shown(parsed.data), version }, reason: change.reason })
    return { id: reportId, status: 'corrected', version, incident_id: r.incident_id, field }
  })
}

/** Marks an incident as reviewed (its grouping and figures checked). */
export function acceptIncident(db: Db, actor: Actor, incidentId: string, expectedVersion: number): Promise<R<IncidentState>> {
  const what = `accept incident "${incidentId}"`
  return run(db, actor, 'review', what, async (trx) => {
    const i = await lockIncident(trx, incidentId, expectedVersion, what)
    await trx.updateTable('incidents').set({ status: 'reviewed', version: i.version + 1, updated_at: sql`now()` }).where('id', '=', incidentId).execute()
    await appendAudit(trx, { actor: actor.name, action: 'incident.accept', entity_type: 'incident', entity_id: incidentId, before: { status: i.status, version: i.version }, after: { status: 'reviewed', version: i.version + 1 } })
    return (await incidentState(trx, incidentId))!
  })
}

/** Merges incidents into the first one given; the others are deleted. `expectedVersions[i]` goes with `ids[i]`. */
export async function mergeIncidents(db: Db, actor: Actor, ids: readonly string[], expectedVersions: readonly number[], reason: string | null = null): Promise<R<IncidentState>> {
  const what = `merge incidents ${ids.map((i) => `"${i}"`).join(', ')}`
  if (ids.length < 2) return err({ code: 'invalid', message: `Cannot ${what}: give at least two incidents` })
  const dup = ids.find((id, i) => ids.indexOf(id) !== i)
  if (dup !== undefined) return err({ code: 'invalid', message: `Cannot merge incident "${dup}" with itself` })
  if (expectedVersions.length !== ids.length) return err({ code: 'invalid', message: `Cannot ${what}: give one expected version per incident (${ids.length}), got ${expectedVersions.length}` })
  return run(db, actor, 'merge', what, async (trx) => {
    // Lock in id order so two merges over the same incidents cannot deadlock.
    const order = ids.map((id, i) => ({ id, v: expectedVersions[i]! })).sort((a, b) => (a.id < b.id ? -1 : 1))
    const before: IncidentState[] = []
    const sensitive: Record<string, unknown> = {}
    for (const { id, v } of order) {
      const row = await lockIncident(trx, id, v, what)
      Object.assign(sensitive, typeof row.sensitive === 'string' ? JSON.parse(row.sensitive) : row.sensitive)
      before.push((await incidentState(trx, id))!)
    }
    const [into, ...rest] = ids as [string, ...string[]]
    await trx.updateTable('reports').set({ incident_id: into }).where('incident_id', 'in', rest).execute()
    await trx.deleteFrom('incidents').where('id', 'in', rest).execute()
    await trx.updateTable('incidents').set({ sensitive: JSON.stringify(sensitive), status: 'reviewed' }).where('id', '=', into).execute()
    await refreshIncident(trx, into)
    const after = (await incidentState(trx, into))!
    await appendAudit(trx, { actor: actor.name, action: 'incident.merge', entity_type: 'incident', entity_id: into, before: { incidents: before }, after: { ...after, merged: rest }, reason })
    return after
  })
}

/** Moves `reportIds` out of an incident into a new one. Returns both. */
export async function splitIncident(db: Db, actor: Actor, incidentId: string, reportIds: readonly string[], expectedVersion: number, reason: string | null = null): Promise<R<{ incident: IncidentState; created: IncidentState }>> {
  const what = `split incident "${incidentId}"`
  if (reportIds.length === 0) return err({ code: 'invalid', message: `Cannot ${what}: name the reports to move out` })
  return run(db, actor, 'split', what, async (trx) => {
    await lockIncident(trx, incidentId, expectedVersion, what)
    const members = await trx.selectFrom('reports').select('id').where('incident_id', '=', incidentId).execute()
    const ids = new Set(members.map((m) => m.id))
    const stray = reportIds.find((r) => !ids.has(r))
    if (stray !== undefined) fail('invalid', `Cannot ${what}: report "${stray}" is not one of its reports`)
    if (new Set(reportIds).size >= ids.size) {
      fail('invalid', members.length === 1
        ? `Cannot ${what}: it has a single report, there is nothing to split`
        : `Cannot ${what}: moving all its reports out would leave it empty`)
    }
    const before = (await incidentState(trx, incidentId))!
    const created = newIncidentId()
    await insertIncident(trx, created)
    await trx.updateTable('reports').set({ incident_id: created }).where('id', 'in', [...reportIds]).execute()
    await trx.updateTable('incidents').set({ status: 'reviewed' }).where('id', 'in', [incidentId, created]).execute()
    await refreshIncident(trx, incidentId)
    await refreshIncident(trx, created)
    const a = (await incidentState(trx, incidentId))!, b = (await incidentState(trx, created))!
    await appendAudit(trx, { actor: actor.name, action: 'incident.split', entity_type: 'incident', entity_id: incidentId, before, after: { incident: a, created: b }, reason })
    return { incident: a, created: b }
  })
}

/** Sets the grade by hand (Confirmed and Discounted only this way); the computed grade no longer replaces it. */
export async function setGrade(db: Db, actor: Actor, incidentId: string, grade: string, reason: string, expectedVersion: number): Promise<R<IncidentState>> {
  const what = `grade incident "${incidentId}"`
  const g = Grade.safeParse(grade)
  if (!g.success) return err({ code: 'invalid', message: `Cannot ${what}: "${grade}" is not a grade (confirmed, fair, weak, contested, discounted)` })
  if (!reason?.trim()) return err({ code: 'invalid', message: `Cannot ${what}: give a reason` })
  return run(db, actor, 'grade', what, async (trx) => {
    const i = await lockIncident(trx, incidentId, expectedVersion, what)
    const reasons = [`set by ${actor.name}: ${reason}`]
    await trx.updateTable('incidents').set({ grade: g.data, grade_reasons: JSON.stringify(reasons), grade_override: true, status: 'reviewed', version: i.version + 1, updated_at: sql`now()` }).where('id', '=', incidentId).execute()
    await appendAudit(trx, { actor: actor.name, action: 'incident.grade', entity_type: 'incident', entity_id: incidentId, before: { grade: i.grade, grade_override: i.grade_override, version: i.version }, after: { grade: g.data, grade_override: true, version: i.version + 1 }, reason })
    return (await incidentState(trx, incidentId))!
  })
}

/**
 * Adds a reviewer's note to an incident. Notes are sensitive (they may name victims or
 * witnesses): they live in `incidents.sensitive.notes` and never reach viewers.
 */
export async function addNote(db: Db, actor: Actor, incidentId: string, note: string, expectedVersion: number): Promise<R<IncidentState>> {
  const what = `add a note to incident "${incidentId}"`
  if (!note.trim() || note.length > 10_000) return err({ code: 'invalid', message: `Cannot ${what}: a note is 1 to 10,000 characters` })
  return run(db, actor, 'review', what, async (trx) => {
    const i = await lockIncident(trx, incidentId, expectedVersion, what)
    const sensitive = (typeof i.sensitive === 'string' ? JSON.parse(i.sensitive) : i.sensitive) as { notes?: unknown[] }
    const notes = [...(Array.isArray(sensitive.notes) ? sensitive.notes : []), { by: actor.name, at: new Date().toISOString(), text: note }]
    await trx.updateTable('incidents').set({ sensitive: JSON.stringify({ ...sensitive, notes }), version: i.version + 1, updated_at: sql`now()` }).where('id', '=', incidentId).execute()
    // The audit records that a note was added, not its text: the log is readable by viewers.
    await appendAudit(trx, { actor: actor.name, action: 'incident.note', entity_type: 'incident', entity_id: incidentId, before: { version: i.version }, after: { version: i.version + 1, notes: notes.length } })
    return (await incidentState(trx, incidentId))!
  })
}

export interface QueueReport {
  id: string; version: number; incident_id: string | null; source_id: string; outlet: string | null; published: string | null
  date: string | null; place: string | null; perpetrator: string | null; weapon: string | null; killed: { min: number | null; max: number | null }
}
export interface QueueIncident {
  id: string; version: number; date: string | null; place: string | null; grade: string; reports: number; independent_sources: number
}

/** What still waits for a reviewer: unreviewed reports (oldest first) and unreviewed incidents (newest first). */
export async function reviewQueue(db: Db, options: { limit?: number } = {}): Promise<{ reports: QueueReport[]; incidents: QueueIncident[] }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000)
  const reports = await db.selectFrom('reports as r').innerJoin('sources as s', 's.id', 'r.source_id')
    .select(['r.id', 'r.version', 'r.incident_id', 'r.source_id', 's.outlet', 's.published', 'r.date', 'r.perpetrator', 'r.weapon', 'r.killed_min', 'r.killed_max', 'r.event'])
    .where('r.status', '=', 'unreviewed').orderBy('r.id').limit(limit).execute()
  const incidents = await db.selectFrom('incidents').select(['id', 'version', 'date', 'places', 'grade', 'independent_sources'])
    .select((eb) => eb.selectFrom('reports').select((e) => e.fn.countAll<number>().as('n')).whereRef('reports.incident_id', '=', 'incidents.id').where('reports.status', '<>', 'rejected').as('reports'))
    .where('status', '=', 'unreviewed').orderBy('date', 'desc').orderBy('id').limit(limit).execute()
  return {
    reports: reports.map((r) => {
      const ev = (typeof r.event === 'string' ? JSON.parse(r.event) : r.event) as { places?: { text?: string }[] }
      return { id: r.id, version: r.version, incident_id: r.incident_id, source_id: r.source_id, outlet: r.outlet, published: r.published, date: r.date,
        place: ev.places?.[0]?.text ?? null, perpetrator: r.perpetrator, weapon: r.weapon, killed: { min: r.killed_min, max: r.killed_max } }
    }),
    incidents: incidents.map((i) => {
      const places = (typeof i.places === 'string' ? JSON.parse(i.places) : i.places) as { name: string }[]
      return { id: i.id, version: i.version, date: i.date, place: places[0]?.name ?? null, grade: i.grade, reports: Number(i.reports ?? 0), independent_sources: i.independent_sources }
    }),
  }
}
