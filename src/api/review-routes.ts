/**
 * Review actions over HTTP: accept, correct and reject a report; merge, split and grade
 * incidents; the review queue. The review stage does the work (and the audit); this maps
 * its results to statuses: not_found 404, conflict 409 (the body's version is stale),
 * invalid 422, forbidden 403.
 */
import { Hono, type Context } from 'hono'
import type { Action, Actor, ReviewError } from '../review/index.ts'
import { acceptReport, can, correctReport, mergeIncidents, rejectReport, reviewQueue, setGrade, splitIncident } from '../review/index.ts'
import type { Result } from '../domain/index.ts'
import { HttpError, currentUser, requireRole, type ApiDeps, type ApiEnv } from './deps.ts'
import { AcceptBody, CorrectBody, GradeBody, MergeBody, QueueQuery, RejectBody, SplitBody } from './schemas.ts'
import { parseJsonBody, parseWith, queryObject } from './validate.ts'

const STATUS = { not_found: 404, conflict: 409, invalid: 422, forbidden: 403 } as const

function unwrap<T>(r: Result<T, ReviewError>): T {
  if (r.ok) return r.value
  throw new HttpError(STATUS[r.error.code], r.error.code, r.error.message)
}

function actor(c: Context<ApiEnv>, action: Action): Actor {
  const u = currentUser(c)
  if (!u || u.anonymous) throw new HttpError(401, 'unauthenticated', 'Log in to review')
  if (!can(u.role, action)) throw new HttpError(403, 'forbidden', `${u.role}s may not ${action}`)
  return { id: u.id, name: u.name, role: u.role }
}

const idParam = (c: Context, name = 'id'): string => {
  const id = c.req.param(name) ?? ''
  if (!id || id.length > 100) throw new HttpError(400, 'invalid_request', `Invalid ${name}`)
  return id
}

export function reviewRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const db = deps.store.db

  app.get('/review/queue', requireRole('analyst'), async (c) => {
    const q = parseWith(QueueQuery, queryObject(c), 'queue query')
    return c.json(await reviewQueue(db, q.limit ? { limit: q.limit } : {}))
  })

  app.post('/reports/:id/accept', async (c) => {
    const who = actor(c, 'review')
    const b = await parseJsonBody(c, AcceptBody)
    return c.json(unwrap(await acceptReport(db, who, idParam(c), b.version)))
  })
  app.post('/reports/:id/reject', async (c) => {
    const who = actor(c, 'review')
    const b = await parseJsonBody(c, RejectBody)
    return c.json(unwrap(await rejectReport(db, who, idParam(c), b.reason, b.version)))
  })
  app.post('/reports/:id/correct', async (c) => {
    const who = actor(c, 'review')
    const b = await parseJsonBody(c, CorrectBody)
    return c.json(unwrap(await correctReport(db, who, idParam(c), { field: b.field, value: b.value, reason: b.reason }, b.version)))
  })
  app.post('/incidents/merge', async (c) => {
    const who = actor(c, 'merge')
    const b = await parseJsonBody(c, MergeBody)
    return c.json(unwrap(await mergeIncidents(db, who, b.incident_ids, b.versions, b.reason)))
  })
  app.post('/incidents/:id/split', async (c) => {
    const who = actor(c, 'split')
    const b = await parseJsonBody(c, SplitBody)
    return c.json(unwrap(await splitIncident(db, who, idParam(c), b.report_ids, b.version, b.reason)))
  })
  app.post('/incidents/:id/grade', async (c) => {
    const who = actor(c, 'grade')
    const b = await parseJsonBody(c, GradeBody)
    return c.json(unwrap(await setGrade(db, who, idParam(c), b.grade, b.reason, b.version)))
  })
  return app
}
