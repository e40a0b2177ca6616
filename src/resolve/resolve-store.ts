/**
 * The store stage of resolution: new reports join or found incidents one at a time,
 * fetching only the incidents that could match (date index, GiST index on geom,
 * governorate), and each touched incident's figures are recomputed from its claims.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely'
import { newIncidentId } from '../domain/index.ts'
import { point, type Database, type Store } from '../store/index.ts'
import { claimFromEvent, type Claim } from './claim.ts'
import { incidentFigures } from './incident-figures.ts'
import { isoOfDay, MAX_KM, prepareClaim } from './match-claim.ts'
import { Resolver, resolveInMemory } from './resolve-in-memory.ts'
import { areaKey, areaKeySql } from './area-key.ts'

type Db = Kysely<Database> | Transaction<Database>

const claimColumns = ['r.id', 'r.source_id', 'r.event', 's.outlet', 's.published'] as const
type ClaimRow = { id: string; source_id: string; event: unknown; outlet: string | null; published: string | null }
function toClaim(r: ClaimRow): Claim {
  const event = (typeof r.event === 'string' ? JSON.parse(r.event) : r.event) as Record<string, unknown>
  return claimFromEvent(r.id, r.source_id, event, { outlet: r.outlet, published: r.published })
}

/** Claims of the live (not rejected) reports of each incident. */
export async function claimsOfIncidents(db: Db, ids: readonly string[]): Promise<Map<string, Claim[]>> {
  const out = new Map<string, Claim[]>()
  if (ids.length === 0) return out
  const rows = await db.selectFrom('reports as r').innerJoin('sources as s', 's.id', 'r.source_id')
    .select([...claimColumns, 'r.incident_id']).where('r.incident_id', 'in', ids).where('r.status', '<>', 'rejected').orderBy('r.id').execute()
  for (const r of rows) {
    const list = out.get(r.incident_id!) ?? []
    list.push(toClaim(r))
    out.set(r.incident_id!, list)
  }
  return out
}

/**
 * Recomputes an incident's figures from its live claims and bumps its version. An incident
 * left without any report is deleted; one whose reports were all rejected is marked rejected.
 * A reviewer's grade (grade_override) is kept. Returns false when the incident was deleted.
 */
export async function refreshIncident(trx: Db, id: string): Promise<boolean> {
  const claims = (await claimsOfIncidents(trx, [id])).get(id) ?? []
  if (claims.length === 0) {
    const any = await trx.selectFrom('reports').select('id').where('incident_id', '=', id).limit(1).executeTakeFirst()
    if (!any) {
      await trx.deleteFrom('incidents').where('id', '=', id).execute()
      return false
    }
    await trx.updateTable('incidents').set({ status: 'rejected', version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id).execute()
    return true
  }
  const f = incidentFigures(claims)
  // Extractors often leave the district out: the gazetteer knows it, so `--area Ariha` works.
  const lead = f.places.find((p) => p.place_id)
  if (lead?.place_id && (f.admin2 === null || f.admin1 === null)) {
    const known = await trx.selectFrom('places').select(['admin1', 'admin2']).where('id', '=', lead.place_id).executeTakeFirst()
    if (known) {
      f.admin1 ??= known.admin1
      f.admin2 ??= known.admin2
    }
  }
  await trx.updateTable('incidents').set({
    date: f.date, date_end: f.date_end, event_type: f.event_type, sub_event_type: f.sub_event_type,
    perpetrator: f.perpetrator, weapon: f.weapon, weapons: f.weapons, targets: f.targets,
    places: JSON.stringify(f.places), geom: point(f.lat, f.lon), precision: f.precision, admin1: f.admin1, admin2: f.admin2,
    killed_min: f.killed.min, killed_max: f.killed.max, injured_min: f.injured.min, injured_max: f.injured.max,
    children_killed_min: f.children_killed.min, children_killed_max: f.children_killed.max,
    reported_by: f.reported_by, independent_sources: f.independent_sources,
    grade: sql`case when grade_override then grade else ${f.grade} end`,
    grade_reasons: sql`case when grade_override then grade_reasons else ${JSON.stringify(f.grade_reasons)}::jsonb end`,
    status: sql`case when status = 'rejected' then 'unreviewed' else status end`,
    version: sql`version + 1`, updated_at: sql`now()`,
  }).where('id', '=', id).execute()
  return true
}

/** A new, empty incident row; its figures are filled by `refreshIncident`. */
export async function insertIncident(trx: Db, id: string): Promise<void> {
  await trx.insertInto('incidents').values({ id, places: '[]', sensitive: '{}', grade_reasons: '[]', version: 0 }).execute()
}

/** Incident id for the incident a report founds: stable, so a rebuild gives the same ids. */
export function incidentIdFor(reportId: string): string {
  return `inc_${createHash('sha256').update(reportId).digest('hex').slice(0, 16)}`
}

async function freeIncidentId(trx: Db, reportId: string): Promise<string> {
  const id = incidentIdFor(reportId)
  const taken = await trx.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst()
  return taken ? newIncidentId() : id
}

/** Incidents that could be the one a claim reports: same days ±1 and within reach in space. */
async function candidateIncidents(trx: Db, claim: Claim, start: number, end: number): Promise<string[]> {
  const precise = claim.places.filter((p) => p.lat !== null && p.lon !== null && p.precision < 3)
  const admins = [...new Set(claim.places.map((p) => (p.admin1 ? areaKey(p.admin1) : '')).filter((k) => k !== ''))]
  const coarse = claim.places.length === 0 || claim.places.some((p) => p.precision === 3 || p.lat === null)
  const space: ReturnType<typeof sql<SqlBool>>[] = [sql<SqlBool>`i.geom is null`]
  for (const p of precise) {
    // The envelope lets the GiST index on incidents.geom pick the rows; the geography distance refines.
    const km = MAX_KM + 2, lat = p.lat!, lon = p.lon!
    const dLat = km / 110.57, dLon = km / (111.32 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)))
    space.push(sql<SqlBool>`(i.geom && ST_MakeEnvelope(${lon - dLon}, ${lat - dLat}, ${lon + dLon}, ${lat + dLat}, 4326)
      and ST_DWithin(i.geom::geography, ${point(lat, lon)}::geography, ${km * 1000}))`)
  }
  if (admins.length > 0) {
    const adminMatch = sql<SqlBool>`${areaKeySql(sql.ref('i.admin1'))} in (${sql.join(admins)})`
    space.push(coarse ? adminMatch : sql<SqlBool>`(i.precision >= 3 and ${adminMatch})`)
  }
  const rows = await trx.selectFrom('incidents as i').select('i.id')
    .where('i.status', '<>', 'rejected')
    .where(sql<SqlBool>`i.date <= ${isoOfDay(end + 1)}::date and coalesce(i.date_end, i.date) >= ${isoOfDay(start - 1)}::date`)
    .where((eb) => eb.or(space))
    .orderBy('i.id').limit(500).execute()
  return rows.map((r) => r.id)
}

/**
 * Resolves every report not yet attached to an incident (and not rejected), in report-id
 * order: each joins the best matching incident or founds one. Returns the number of
 * incidents created or updated.
 */
export async function resolvePending(store: Store): Promise<{ incidents: number }> {
  const pending = await store.db.selectFrom('reports as r').innerJoin('sources as s', 's.id', 'r.source_id')
    .select(claimColumns).where('r.incident_id', 'is', null).where('r.status', '<>', 'rejected').orderBy('r.id').execute()
  const touched = new Set<string>()
  // Re-extraction replaces a source's unreviewed reports: incidents left without any report
  // go, and those near the new reports (where the old ones were) are recomputed below.
  const emptied = await store.db.deleteFrom('incidents as i')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('reports as r').select('r.id').whereRef('r.incident_id', '=', 'i.id'))))
    .returning('i.id').execute()
  for (const e of emptied) touched.add(e.id)
  const nearby = new Set<string>()
  for (const row of pending) {
    const claim = toClaim(row)
    const id = await store.db.transaction().execute(async (trx) => {
      // Another run (the API ingesting while the CLI resolves) may have taken this report.
      const still = await trx.selectFrom('reports').select('incident_id').where('id', '=', claim.id).forUpdate().executeTakeFirst()
      if (!still || still.incident_id !== null) return undefined
      const c = prepareClaim(claim)
      let target: string | undefined
      if (c.start !== null && c.end !== null) {
        const ids = await candidateIncidents(trx, claim, c.start, c.end)
        for (const id of ids) nearby.add(id)
        const members = await claimsOfIncidents(trx, ids)
        const resolver = new Resolver()
        const byCluster = new Map<number, string>()
        // Ties go to the incident founded first, as in the batch core: order by first report id.
        const live = ids.filter((iid) => (members.get(iid)?.length ?? 0) > 0)
          .sort((a, b) => (members.get(a)![0]!.id < members.get(b)![0]!.id ? -1 : 1))
        for (const iid of live) byCluster.set(resolver.found(members.get(iid)!).seq, iid)
        const best = resolver.best(c)
        if (best) target = byCluster.get(best.cluster.seq)
      }
      if (!target) {
        target = await freeIncidentId(trx, claim.id)
        await insertIncident(trx, target)
      }
      await trx.updateTable('reports').set({ incident_id: target }).where('id', '=', claim.id).execute()
      await refreshIncident(trx, target)
      return target
    })
    if (id !== undefined) touched.add(id)
  }
  for (const id of nearby) {
    if (touched.has(id)) continue
    const before = await store.db.selectFrom('incidents').select('version').where('id', '=', id).executeTakeFirst()
    if (!before) continue
    const figures = await store.db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
      if (!old) return false
      await refreshIncident(trx, id)
      const now = await trx.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst()
      const same = now !== undefined && JSON.stringify({ ...now, version: 0, updated_at: '' }) === JSON.stringify({ ...old, version: 0, updated_at: '' })
      // Nothing changed: undo the version bump so reviewers holding this version are not refused.
      if (same) await trx.updateTable('incidents').set({ version: old.version, updated_at: old.updated_at }).where('id', '=', id).execute()
      return !same
    })
    if (figures) touched.add(id)
  }
  return { incidents: touched.size }
}

/**
 * Recomputes every incident from scratch (deterministic: the same reports always give the
 * same incidents and ids). Reviewer decisions on incidents (merges, splits, grades) are
 * discarded; report reviews (accepted, corrected, rejected) are kept, rejected reports stay out.
 */
export async function resolveAll(store: Store): Promise<{ incidents: number }> {
  return store.db.transaction().execute(async (trx) => {
    await trx.updateTable('reports').set({ incident_id: null }).where('incident_id', 'is not', null).execute()
    await trx.deleteFrom('incidents').execute()
    const rows = await trx.selectFrom('reports as r').innerJoin('sources as s', 's.id', 'r.source_id')
      .select(claimColumns).where('r.status', '<>', 'rejected').orderBy('r.id').execute()
    const { incidents } = resolveInMemory(rows.map(toClaim))
    for (const inc of incidents) {
      const id = incidentIdFor(inc.report_ids[0]!)
      await insertIncident(trx, id)
      await trx.updateTable('reports').set({ incident_id: id }).where('id', 'in', inc.report_ids).execute()
      await refreshIncident(trx, id)
    }
    return { incidents: incidents.length }
  })
}
