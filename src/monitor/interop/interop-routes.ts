/**
 * API routes of interoperability: GET /export (the incidents list's filters plus
 * `format`), POST /import (editor and above; the file is the raw request body).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { IncidentFilter, IsoDate } from '../../domain/index.ts'
import { HttpError, currentUser, requireRole, type ApiDeps, type ApiEnv } from '../../api/deps.ts'
import { parseWith, queryObject } from '../../api/validate.ts'
import { EXPORT_MEDIA, ExportFormat, exportIncidents } from './export-incidents.ts'
import { DatasetFormat } from './dataset-record.ts'
import { importDataset } from './import-dataset.ts'

// A calendar date: "2018-02-31" is refused here rather than failing in SQL.
const StrictDate = IsoDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}, 'not a calendar date')

// `csv` is the older name of the ACLED export; ACLED is also the default.
const ExportQuery = IncidentFilter.extend({
  format: z.preprocess((v) => (v === 'csv' || v === undefined ? 'acled' : v), ExportFormat),
  from: StrictDate.optional(),
  to: StrictDate.optional(),
}).strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '"from" is after "to"', path: ['from'] })
const ImportQuery = z.object({
  format: DatasetFormat,
  /** the file's name, kept as the source's origin */
  name: z.string().min(1).max(300).regex(/^[^\0]+$/).optional(),
}).strict()

export function interopRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const db = deps.store.db

  app.get('/export', requireRole('viewer'), async (c) => {
    const q = parseWith(ExportQuery, queryObject(c), 'export filter')
    const { format, ...filter } = q
    const { body, count } = await exportIncidents(db, format, filter)
    const stamp = new Date().toISOString().slice(0, 10)
    return c.body(body, 200, {
      'Content-Type': EXPORT_MEDIA[format].type,
      'Content-Disposition': `attachment; filename="harmwatch-incidents-${stamp}.${EXPORT_MEDIA[format].ext}"`,
      'X-Harmwatch-Count': String(count),
    })
  })

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
