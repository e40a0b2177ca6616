/**
 * API route of interoperability: POST /import (editor and above; the file is the raw request
 * body). GET /api/export lives with the incidents list (src/api/incident-routes.ts), so both
 * select incidents through one filter implementation.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { HttpError, currentUser, requireRole, type ApiDeps, type ApiEnv } from '../../api/deps.ts'
import { parseWith, queryObject } from '../../api/validate.ts'
import { DatasetFormat } from './dataset-record.ts'
import { importDataset } from './import-dataset.ts'

const ImportQuery = z.object({
  format: DatasetFormat,
  /** the file's name, kept as the source's origin */
  name: z.string().min(1).max(300).regex(/^[^\0]+$/).optional(),
}).strict()

export function interopRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const db = deps.store.db

  app.post('/import', requireRole('editor'), async (c) => {
    const q = parseWith(ImportQuery, queryObject(c), 'import query')
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.byteLength === 0) throw new HttpError(400, 'invalid_request', 'Send the file to import as the request body')
    const origin = `upload:${q.name ?? `${q.format}-file`}`
    const r = await importDataset(db, { format: q.format, bytes, origin, home: deps.home, actor: currentUser(c)?.name ?? 'api' })
    if (!r.ok) throw new HttpError(422, 'import_refused', r.error)
    return c.json(r.value, r.value.imported > 0 || r.value.errors.length === 0 ? 200 : 422)
  })

  return app
}
