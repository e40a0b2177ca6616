/**
 * Monitoring routes under /api: agreements with their zones and violations, protected sites
 * and their report, and the situation brief. Routes only parse, call the monitor stage and
 * respond; every read needs the viewer role (anyone on a public instance).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { IsoDate } from '../domain/index.ts'
import { agreementViolations, getAgreement, listAgreements } from '../monitor/agreements/index.ts'
import { SiteKind, listSites, sitesReport } from '../monitor/sites/index.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../store/index.ts'
import {
  BRIEF_FORMATS, briefFigures, collectBrief, loadBoundaries, renderBrief, renderBriefHtml, renderBriefMarkdown, renderPdf,
  type BriefData, type BriefFormat, type BriefOptions, type RenderedBrief,
} from '../monitor/brief/index.ts'
import { HttpError, canSeeSensitive, currentUser, requireRole, type ApiDeps, type ApiEnv } from './deps.ts'
import { redactSourceLabel, withheldNames } from './incident-query.ts'
import { alertRoutes } from '../monitor/alerts/index.ts'
import { interopRoutes } from '../monitor/interop/index.ts'
import { parseWith, queryObject } from './validate.ts'

const AsOf = z.object({ as_of: IsoDate.optional() }).strict()
const ViolationsQuery = z.object({ as_of: IsoDate.optional(), from: IsoDate.optional(), to: IsoDate.optional() }).strict()
const SitesQuery = z.object({ kind: SiteKind.optional(), area: z.string().min(1).max(200).optional() }).strict()
const PeriodQuery = z.object({ from: IsoDate, to: IsoDate, area: z.string().min(1).max(200).optional() }).strict()
  .refine((q) => q.from <= q.to, { message: '"from" is after "to"', path: ['from'] })
const BriefQuery = z.object({
  from: IsoDate, to: IsoDate, area: z.string().min(1).max(200).optional(), title: z.string().max(200).optional(),
  format: z.enum(BRIEF_FORMATS).default('html'),
}).strict().refine((q) => q.from <= q.to, { message: '"from" is after "to"', path: ['from'] })

/**
 * The brief as a viewer may read it, in every format: the brief cites its sources by title and
 * URL, and headlines often name the dead, so the names a viewer must not read (see
 * `withheldNames`) are masked in the titles before rendering (and a URL spelling one is left out).
 */
async function renderViewerBrief(db: Kysely<Database>, options: BriefOptions & { format: BriefFormat }): Promise<RenderedBrief> {
  const data = await collectBrief(db, options)
  const names = await withheldNames(db, data.citations.map((c) => c.source_id))
  const shown: BriefData = { ...data, citations: data.citations.map((c) => redactSourceLabel(c, names)) }
  // the same dispatch as renderBrief, over the redacted data
  if (options.format === 'json') return { format: 'json', contentType: 'application/json', body: JSON.stringify(shown, null, 2) }
  const figures = briefFigures(shown, loadBoundaries())
  if (options.format === 'md') return { format: 'md', contentType: 'text/markdown; charset=utf-8', body: renderBriefMarkdown(shown, { figures: 'none' }), figures }
  const html = renderBriefHtml(shown, figures)
  if (options.format === 'html') return { format: 'html', contentType: 'text/html; charset=utf-8', body: html }
  return { format: 'pdf', contentType: 'application/pdf', body: await renderPdf(html) }
}

const opt = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : ({ [key]: v } as Record<K, V>))

export function monitorRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const db = deps.store.db
  const read = requireRole('viewer')

  app.get('/agreements', read, async (c) => {
    const q = parseWith(AsOf, queryObject(c), 'query')
    return c.json({ items: await listAgreements(db, opt('asOf', q.as_of)) })
  })

  // every zone of every agreement in one FeatureCollection: the map's zone layer
  app.get('/agreements/zones.geojson', read, async (c) => {
    const q = parseWith(AsOf, queryObject(c), 'query')
    const features = []
    for (const a of await listAgreements(db, opt('asOf', q.as_of))) {
      const detail = await getAgreement(db, a.id, opt('asOf', q.as_of))
      if (detail) features.push(...detail.zone_geojson.features.map((f) => ({ ...f, properties: { ...f.properties, agreement_name: a.name, signed: a.signed } })))
    }
    return c.body(JSON.stringify({ type: 'FeatureCollection', features }), 200, { 'Content-Type': 'application/geo+json' })
  })

  app.get('/agreements/:id', read, async (c) => {
    const q = parseWith(AsOf, queryObject(c), 'query')
    const a = await getAgreement(db, c.req.param('id'), opt('asOf', q.as_of))
    if (!a) throw new HttpError(404, 'not_found', `Unknown agreement "${c.req.param('id')}"`)
    return c.json(a)
  })

  app.get('/agreements/:id/violations', read, async (c) => {
    const q = parseWith(ViolationsQuery, queryObject(c), 'query')
    const r = await agreementViolations(db, c.req.param('id'), { ...opt('asOf', q.as_of), ...opt('from', q.from), ...opt('to', q.to) })
    if (!r.ok) throw new HttpError(404, 'not_found', r.error)
    return c.json(r.value)
  })

  app.get('/sites', read, async (c) => {
    const q = parseWith(SitesQuery, queryObject(c), 'query')
    return c.json({ items: await listSites(db, { ...opt('kind', q.kind), ...opt('area', q.area) }) })
  })

  app.get('/sites/report', read, async (c) => {
    const q = parseWith(PeriodQuery, queryObject(c), 'query')
    return c.json(await sitesReport(db, { from: q.from, to: q.to, ...opt('area', q.area) }))
  })

  app.get('/brief', read, async (c) => {
    const q = parseWith(BriefQuery, queryObject(c), 'query')
    const options = { from: q.from, to: q.to, area: q.area, title: q.title, format: q.format }
    const brief = canSeeSensitive(currentUser(c)) ? await renderBrief(db, options) : await renderViewerBrief(db, options)
    const headers: Record<string, string> = { 'Content-Type': brief.contentType, 'Cache-Control': 'no-store' }
    if (q.format === 'pdf' || q.format === 'md') {
      headers['Content-Disposition'] = `attachment; filename="brief-${q.from}-${q.to}.${q.format}"`
    }
    return c.body(typeof brief.body === 'string' ? brief.body : new Uint8Array(brief.body), 200, headers)
  })

  // alert rules, their delivery log; GET /export in five formats and POST /import
  app.route('/', alertRoutes(deps))
  app.route('/', interopRoutes(deps))

  return app
}
