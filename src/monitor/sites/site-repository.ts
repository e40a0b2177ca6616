import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import { err, ok, type Result } from '../../domain/index.ts'
import { point, type Database } from '../../store/index.ts'
import { SITE_KIND_LABEL, SiteKind, isSiteKind, normaliseSiteName, type SiteKind as Kind } from './site-kinds.ts'

/** Incidents within this distance of a site, with a target of the site's kind, are linked to it. */
export const LINK_DISTANCE_M = 500

export const NewSite = z.object({
  name: z.string().trim().min(1).max(300),
  kind: SiteKind,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  admin1: z.string().nullable().default(null),
  source: z.string().nullable().default(null),
})
export type NewSite = z.input<typeof NewSite>

export interface SiteView {
  id: string
  name: string
  kind: Kind
  lat: number | null
  lon: number | null
  admin1: string | null
  origin: 'manual' | 'extracted'
  source: string | null
  incidents: number
  /** struck more than once (distinct incidents) */
  repeat: boolean
}

const newSiteId = () => `site_${randomBytes(8).toString('hex')}`

/**
 * Registers a site by hand (`harmwatch sites add`), then links the incidents already on
 * record that hit a site of its kind within 500 m.
 */
export async function addSite(db: Kysely<Database>, input: NewSite): Promise<Result<{ id: string; linked: number }>> {
  const parsed = NewSite.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return err(`Cannot add site: ${issue.path.join('.') || 'input'}: ${issue.message}`)
  }
  const s = parsed.data
  const id = newSiteId()
  await db.insertInto('protected_sites').values({
    id, name: s.name, norm_name: normaliseSiteName(s.name), kind: s.kind, lat: s.lat, lon: s.lon, geom: point(s.lat, s.lon),
    admin1: s.admin1, origin: 'manual', source: s.source,
  }).execute()
  const linked = await linkNearbyIncidents(db, id)
  return ok({ id, linked })
}

/** Links incidents hitting a site of this site's kind within `LINK_DISTANCE_M`; returns how many were new links. */
export async function linkNearbyIncidents(db: Kysely<Database>, siteId: string): Promise<number> {
  const r = await sql`
    insert into site_incidents (site_id, incident_id, linked_by, distance_m)
    select s.id, i.id, 'distance', ST_DistanceSphere(s.geom, i.geom)
    from protected_sites s join incidents i
      on i.targets @> array[s.kind]::text[] and i.status <> 'rejected' and coalesce(i.precision, 1) < 3
     and ST_DWithin(s.geom::geography, i.geom::geography, ${LINK_DISTANCE_M})
    where s.id = ${siteId}
    on conflict do nothing`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}

export interface SyncResult {
  created: number
  linked: number
  /** incidents with a protected target that could not be placed (no point and no usable name) */
  skipped: number
}

/**
 * Creates or links a site for every incident whose targets include a protected kind and that
 * has no site of that kind yet. The site's name is the one the extractor found in the claim
 * (`event.details.site_name` or `target_name`), else "<kind> in <place>". An incident links to
 * the existing site of the same kind with the same normalised name, else to the nearest one
 * within 500 m, else a new site is created at the incident's point. Incidents located only to
 * an admin area (precision 3) never match by distance, and their new sites get no point.
 * Idempotent.
 */
export async function syncSitesFromIncidents(db: Kysely<Database>): Promise<SyncResult> {
  const kinds = Object.keys(SITE_KIND_LABEL)
  const rows = await sql<{ id: string; targets: string[]; places: unknown; lat: number | null; lon: number | null; precision: number | null; admin1: string | null; names: string[] | null }>`
    select i.id, i.targets, i.places, ST_Y(i.geom) as lat, ST_X(i.geom) as lon, i.precision, i.admin1,
      (select array_agg(distinct n) from reports r,
         lateral (values (r.event->'details'->>'site_name'), (r.event->'details'->>'target_name')) as v(n)
       where r.incident_id = i.id and r.status <> 'rejected' and n is not null and n <> '') as names
    from incidents i
    where i.status <> 'rejected' and i.targets && ${sql.val(kinds)}::text[]
      -- only incidents with a protected kind not yet linked: the pipeline runs this after every batch
      and exists (select 1 from unnest(i.targets) as t(kind) where t.kind = any(${sql.val(kinds)}::text[])
        and not exists (select 1 from site_incidents si join protected_sites s on s.id = si.site_id where si.incident_id = i.id and s.kind = t.kind))
    order by i.date nulls last, i.id`.execute(db)
  const result: SyncResult = { created: 0, linked: 0, skipped: 0 }
  for (const inc of rows.rows) {
    for (const kind of inc.targets.filter(isSiteKind)) {
      const done = await db.selectFrom('site_incidents as si').innerJoin('protected_sites as s', 's.id', 'si.site_id')
        .select('s.id').where('si.incident_id', '=', inc.id).where('s.kind', '=', kind).executeTakeFirst()
      if (done) continue
      const places = (typeof inc.places === 'string' ? JSON.parse(inc.places) : inc.places) as { name?: string }[]
      const placeName = places[0]?.name ?? null
      const claimed = inc.names?.[0] ?? null
      const name = claimed ?? (placeName ? `${capitalise(SITE_KIND_LABEL[kind])} in ${placeName}` : null)
      const precise = inc.lat !== null && inc.lon !== null && (inc.precision ?? 1) < 3
      if (!name && !precise) { result.skipped++; continue }
      const norm = name ? normaliseSiteName(name) : null
      const byName = norm
        ? await db.selectFrom('protected_sites').select('id').where('kind', '=', kind).where('norm_name', '=', norm).orderBy('created_at').executeTakeFirst()
        : undefined
      let siteId = byName?.id
      let linkedBy: 'name' | 'distance' | 'created' = 'name'
      let distance: number | null = null
      if (!siteId && precise) {
        const near = await sql<{ id: string; m: number }>`
          select id, ST_DistanceSphere(geom, ${point(inc.lat, inc.lon)}) as m from protected_sites
          where kind = ${kind} and geom is not null and ST_DWithin(geom::geography, ${point(inc.lat, inc.lon)}::geography, ${LINK_DISTANCE_M})
          order by m limit 1`.execute(db)
        if (near.rows[0]) { siteId = near.rows[0].id; linkedBy = 'distance'; distance = near.rows[0].m }
      }
      if (!siteId) {
        siteId = newSiteId()
        linkedBy = 'created'
        const siteName = name ?? `${capitalise(SITE_KIND_LABEL[kind])} at ${inc.lat!.toFixed(4)}, ${inc.lon!.toFixed(4)}`
        await db.insertInto('protected_sites').values({
          id: siteId, name: siteName, norm_name: normaliseSiteName(siteName), kind,
          lat: precise ? inc.lat : null, lon: precise ? inc.lon : null, geom: precise ? point(inc.lat, inc.lon) : sql`NULL`,
          admin1: inc.admin1, origin: 'extracted', source: `incident ${inc.id}`,
        }).execute()
        result.created++
      }
      await db.insertInto('site_incidents').values({ site_id: siteId, incident_id: inc.id, linked_by: linkedBy, distance_m: distance })
        .onConflict((oc) => oc.doNothing()).execute()
      result.linked++
    }
  }
  return result
}

function capitalise(s: string): string {
  return s.slice(0, 1).toUpperCase() + s.slice(1)
}

/** Every site with how many incidents hit it; `kind` and `area` (admin1, case-insensitive) narrow the list. */
export async function listSites(db: Kysely<Database>, options: { kind?: Kind; area?: string } = {}): Promise<SiteView[]> {
  let q = db.selectFrom('protected_sites as s')
    .leftJoin('site_incidents as si', 'si.site_id', 's.id')
    .select(['s.id', 's.name', 's.kind', 's.lat', 's.lon', 's.admin1', 's.origin', 's.source', sql<number>`count(si.incident_id)::int`.as('incidents')])
    .groupBy('s.id').orderBy('s.kind').orderBy('s.name')
  if (options.kind) q = q.where('s.kind', '=', options.kind)
  if (options.area) q = q.where(sql<boolean>`lower(s.admin1) = ${options.area.toLowerCase()}`)
  const rows = await q.execute()
  return rows.map((r) => ({ ...r, repeat: r.incidents > 1 }))
}
