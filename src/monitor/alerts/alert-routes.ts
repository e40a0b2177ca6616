/**
 * API routes of alerts: rules (list and read for analysts, create, enable/disable and
 * delete for editors), the delivery log with every attempt, and sending due deliveries.
 * A rule's secret is write-only: it is never returned.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { HttpError, currentUser, requireRole, type ApiDeps, type ApiEnv } from '../../api/deps.ts'
import { parseWith, queryObject } from '../../api/validate.ts'
import { addAlertRule, deleteAlertRule, getAlertRule, listAlertRules, setAlertRuleEnabled } from './alert-rule.ts'
import { deliveryLog } from './delivery-log.ts'
import { deliverDue, requeueFailed, sendTestAlert } from './deliver-due.ts'

const LogQuery = z.object({
  rule: z.string().min(1).max(200).optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  incident: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
}).strict()
const Patch = z.object({ enabled: z.boolean() }).strict()

async function jsonBody(c: { req: { json(): Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw new HttpError(400, 'invalid_json', 'Request body must be JSON')
  }
}

export function alertRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const db = deps.store.db
  const read = requireRole('analyst')
  const write = requireRole('editor')

  app.get('/alerts', read, async (c) => c.json({ items: await listAlertRules(db) }))

  app.post('/alerts', write, async (c) => {
    const r = await addAlertRule(db, await jsonBody(c), { createdBy: currentUser(c)?.name ?? 'api' })
    if (!r.ok) throw new HttpError(r.error.includes('a rule with that name exists') ? 409 : 400, 'invalid_request', r.error)
    return c.json(r.value, 201)
  })

  app.get('/alerts/deliveries', read, async (c) => {
    const q = parseWith(LogQuery, queryObject(c), 'delivery log query')
    return c.json({ items: await deliveryLog(db, { rule: q.rule, status: q.status, incidentId: q.incident, limit: q.limit }) })
  })

  app.post('/alerts/deliver', write, async (c) => c.json(await deliverDue(db)))

  app.post('/alerts/deliveries/requeue', write, async (c) => c.json({ requeued: await requeueFailed(db) }))

  app.post('/alerts/:id/test', write, async (c) => {
    const r = await sendTestAlert(db, c.req.param('id'))
    if (!r.ok && r.error.endsWith('no such rule')) throw new HttpError(404, 'not_found', r.error)
    return c.json(r)
  })

  app.get('/alerts/:id', read, async (c) => {
    const rule = await getAlertRule(db, c.req.param('id'))
    if (!rule) throw new HttpError(404, 'not_found', `No alert rule "${c.req.param('id')}"`)
    return c.json(rule)
  })

  app.patch('/alerts/:id', write, async (c) => {
    const body = parseWith(Patch, await jsonBody(c), 'request body')
    if (!(await setAlertRuleEnabled(db, c.req.param('id'), body.enabled, { actor: currentUser(c)?.name ?? 'api' }))) throw new HttpError(404, 'not_found', `No alert rule "${c.req.param('id')}"`)
    return c.json(await getAlertRule(db, c.req.param('id')))
  })

  app.delete('/alerts/:id', write, async (c) => {
    if (!(await deleteAlertRule(db, c.req.param('id'), { actor: currentUser(c)?.name ?? 'api' }))) throw new HttpError(404, 'not_found', `No alert rule "${c.req.param('id')}"`)
    return c.body(null, 204)
  })

  return app
}
