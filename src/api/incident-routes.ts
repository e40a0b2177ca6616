/**
 * Read routes: incidents (list, GeoJSON, one with its claims and sources), stats, exports,
 * sources and their originals, and the offline basemap layers the web UI draws.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono, type Context } from 'hono'
import { sql, type RawBuilder } from 'kysely'
import { HttpError, canSeeSensitive, currentUser, requireRole, type ApiDeps, type ApiEnv } from './deps.ts'
import { allIncidents, getIncident, listIncidents, maskNames, redactSourceLabel, withheldNames } from './incident-query.ts'
import { incidentFilterWhere } from '../resolve/index.ts'
import { ExportQuery, IncidentQuery } from './schemas.ts'
import { parseWith, queryObject } from './validate.ts'
import { toFeatureCollection } from './to-feature-collection.ts'
import { EXPORT_MEDIA, datasetExtras, formatIncidents } from '../monitor/interop/index.ts'
import { readOriginalBytes } from './originals.ts'
import { majorTowns, placeLabels } from './places.ts'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

function boundariesDir(): string | null {
  const d = join(REPO_ROOT, 'data', 'boundaries')
  if (existsSync(d)) return d
  return null
}

type Range = { min: number | null; max: number | null }
interface StatRow { key: string | null; incidents: number; killed_min: number | null; killed_max: number | null; injured_min: number | null; injured_max: number | null }
const toStat = (r: StatRow): { key: string | null; incidents: number; killed: Range; injured: Range } =>
  ({ key: r.key, incidents: Number(r.incidents), killed: { min: r.killed_min, max: r.killed_max }, injured: { min: r.injured_min, max: r.injured_max } })

export function incidentRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const db = deps.store.db
  app.use('*', requireRole('viewer'))

  const list = async (c: Context<ApiEnv>, geojson: boolean) => {
    const q = parseWith(IncidentQuery, queryObject(c), 'incident filter')
    const { format, ...filter } = q
    const page = await listIncidents(db, filter)
    if (geojson || format === 'geojson') {
      return c.json(toFeatureCollection(page.items, { next_cursor: page.next_cursor }), 200, { 'Content-Type': 'application/geo+json; charset=UTF-8' })
    }
    return c.json(page)
  }
  app.get('/incidents', (c) => list(c, false))
  app.get('/incidents.geojson', (c) => list(c, true))

  app.get('/incidents/:id', async (c) => {
    const id = c.req.param('id')
    if (id.length > 100) throw new HttpError(400, 'invalid_request', 'Invalid incident id')
    const detail = await getIncident(db, id, { sensitive: canSeeSensitive(currentUser(c)) })
    if (!detail) throw new HttpError(404, 'not_found', `No incident "${id}"`)
    return c.json(detail)
  })

  app.get('/stats', async (c) => {
    const q = parseWith(IncidentQuery, queryObject(c), 'incident filter')
    const { format: _f, cursor: _c, limit: _l, ...filter } = q
    const agg = [
      sql<number>`count(*)::int`.as('incidents'), sql<number | null>`sum(i.killed_min)::int`.as('killed_min'), sql<number | null>`sum(i.killed_max)::int`.as('killed_max'),
      sql<number | null>`sum(i.injured_min)::int`.as('injured_min'), sql<number | null>`sum(i.injured_max)::int`.as('injured_max'),
    ]
    const base = () => db.selectFrom('incidents as i').where(incidentFilterWhere(filter))
    const by = async (key: RawBuilder<string | null>): Promise<ReturnType<typeof toStat>[]> =>
      (await base().select([key.as('key'), ...agg]).groupBy(sql`1`).orderBy(sql`1 nulls last`).execute()).map(toStat)
    const total = toStat(await base().select([sql<string | null>`null`.as('key'), ...agg]).executeTakeFirstOrThrow())
    return c.json({
      note: 'killed/injured: sum of the incidents\' minimums and sum of their maximums (incidents are distinct attacks; claims are never summed)',
      total,
      by_day: await by(sql<string | null>`to_char(i.date, 'YYYY-MM-DD')`),
      by_perpetrator: await by(sql<string | null>`i.perpetrator`),
      by_weapon: await by(sql<string | null>`i.weapon`),
      by_admin1: await by(sql<string | null>`i.admin1`),
      by_admin2: await by(sql<string | null>`i.admin2`),
    })
  })

  app.get('/export', async (c) => {
    const q = parseWith(ExportQuery, queryObject(c), 'export filter')
    const { format: asked, cursor: _c, limit, ...filter } = q
    // The monitoring stage's writers (ACLED 31 columns, UCDP GED, GeoJSON, KML, HXL) over the list's own selection.
    const format = asked === 'csv' ? 'acled' : asked
    const items = await allIncidents(db, filter, limit ?? 100_000)
    const media = EXPORT_MEDIA[format]
    c.header('Content-Disposition', `attachment; filename="harmwatch-incidents-${new Date().toISOString().slice(0, 10)}.${media.ext}"`)
    // imported dataset rows keep the country fields they carried (ACLED/UCDP round trips)
    const extras = await datasetExtras(db, items.map((i) => i.id))
    return c.body(formatIncidents(format, items, new Date(), extras), 200, { 'Content-Type': media.type, 'X-Harmwatch-Count': String(items.length) })
  })

  /** Names of victims claimed by a source's reports or its incidents' sensitive records. */
  const withheldFor = (sourceId: string): Promise<string[]> => withheldNames(db, [sourceId])

  app.get('/sources/:id', async (c) => {
    const id = c.req.param('id')
    const src = await db.selectFrom('sources').leftJoin('source_texts', 'source_texts.source_id', 'sources.id')
      .select(['sources.id', 'sha256', 'media_type', 'byte_size', 'origin_kind', 'url', 'title', 'outlet', 'published', 'retrieved_at', 'tool_version', 'previous_version_id', 'source_texts.text', 'source_texts.deriver', 'source_texts.lang'])
      .where('sources.id', '=', id).executeTakeFirst()
    if (!src) throw new HttpError(404, 'not_found', `No source "${id}"`)
    const reports = await db.selectFrom('reports').select(['id', 'seq', 'status', 'incident_id', 'version']).where('source_id', '=', id).orderBy('seq').execute()
    const sensitive = canSeeSensitive(currentUser(c))
    const withheld = sensitive ? [] : await withheldFor(id)
    const text = src.text !== null ? maskNames(src.text, withheld) : src.text
    return c.json({ source: { ...redactSourceLabel(src, withheld), text }, reports, original_url: `/api/sources/${id}/original` })
  })

  app.get('/sources/:id/original', async (c) => {
    const id = c.req.param('id')
    const src = await db.selectFrom('sources').select(['id', 'sha256', 'media_type', 'origin', 'url']).where('id', '=', id).executeTakeFirst()
    if (!src) throw new HttpError(404, 'not_found', `No source "${id}"`)
    // The original is evidence byte-for-byte: it cannot be redacted, so a viewer gets it only when it names no one.
    if (!canSeeSensitive(currentUser(c)) && (await withheldFor(id)).length > 0) {
      throw new HttpError(403, 'forbidden', 'This original names victims: it needs the analyst role')
    }
    const bytes = await readOriginalBytes(deps.home, src.sha256)
    if (!bytes) throw new HttpError(404, 'not_found', `The original of "${id}" is not in this workspace's evidence folder`)
    if (bytes instanceof Error) {
      console.error(`[api] ${bytes.message}`)
      throw new HttpError(500, 'evidence_altered', `The stored original of "${id}" no longer matches its SHA-256: refusing to serve it`)
    }
    const ext = { 'text/html': 'html', 'application/pdf': 'pdf', 'text/markdown': 'md', 'text/plain': 'txt' }[src.media_type.split(';')[0] ?? ''] ?? 'bin'
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': src.media_type.startsWith('text/html') ? 'text/plain; charset=UTF-8' : src.media_type,
      'Content-Disposition': `attachment; filename="${src.id}.${ext}"`,
      'X-Content-SHA256': src.sha256,
      Digest: `sha-256=${Buffer.from(src.sha256, 'hex').toString('base64')}`,
      'X-Content-Type-Options': 'nosniff',
    })
  })

  app.get('/basemap/boundaries.geojson', (c) => {
    const dir = boundariesDir()
    const features: unknown[] = []
    if (dir) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.geojson')).sort()) {
        const fc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { features?: { properties?: Record<string, unknown> }[] }
        const focus = !f.includes('neighbours')
        for (const feat of fc.features ?? []) features.push({ ...feat, properties: { ...feat.properties, focus } })
      }
    }
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json({ type: 'FeatureCollection', features })
  })

  app.get('/basemap/places', async (c) => {
    // Towns to label: the most populous, and every place an incident refers to.
    const used = await sql<{ id: string }>`select distinct p->>'place_id' as id from incidents, jsonb_array_elements(places) p
      where p->>'place_id' is not null limit 500`.execute(db)
    const refs = await placeLabels(db, used.rows.map((r) => r.id))
    // One label per town: the same city comes from several sources a few km apart, and
    // labels closer than ~10 km collide at the zoom the region is shown at. Places incidents
    // refer to are all kept unless one of the same place is already there.
    type Label = ReturnType<typeof majorTowns>[number]
    const kept: Label[] = []
    const near = (a: Label, b: Label, deg: number): boolean => Math.abs(a.lat - b.lat) < deg && Math.abs(a.lon - b.lon) < deg * 1.25
    for (const p of majorTowns()) if (!kept.some((k) => near(k, p, 0.1))) kept.push(p)
    for (const p of refs.values()) if (!kept.some((k) => near(k, p, 0.02))) kept.push(p)
    c.header('Cache-Control', 'public, max-age=600')
    return c.json({ places: kept })
  })

  return app
}
