import { sql, type Kysely } from 'kysely'
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import { err, errorMessage, ok, type Result } from '../../domain/index.ts'
import type { Database } from '../../store/index.ts'
import type { ObligationStatus } from './agreement-schema.ts'
import type { LoadedAgreement } from './load-agreement-file.ts'
import { appendAudit } from '../../review/index.ts'

/** What an obligation's deadline looks like on a given day. */
export type ObligationState = ObligationStatus | 'unknown / overdue'

export interface ObligationView {
  id: string
  text: string
  deadline: string | null
  status: ObligationStatus | null
  evidence: string | null
  /** the status as recorded, or derived from the deadline when nothing was recorded */
  state: ObligationState
}

export interface ZoneSummary {
  id: string
  name: string
  effective: string
  approximate: boolean
  construction: string
}

export interface AgreementSummary {
  id: string
  name: string
  parties: string[]
  signed: string
  effective: string
  ends: string | null
  summary: string | null
  approximate: boolean
  sources: { outlet: string; date?: string; url?: string; title?: string }[]
  zones: ZoneSummary[]
  obligations: ObligationView[]
}

export interface AgreementDetail extends AgreementSummary {
  /** each zone as a Feature with its id, name and effective date in `properties` */
  zone_geojson: FeatureCollection<MultiPolygon, { agreement_id: string; zone_id: string; name: string; effective: string; approximate: boolean }>
}

/**
 * A deadline passed with nothing recorded is not "pending" any more: it is reported as
 * 'unknown / overdue' so that a brief never implies an obligation was kept.
 */
export function obligationState(status: ObligationStatus | null, deadline: string | null, asOf: string): ObligationState {
  if (status === 'met' || status === 'missed' || status === 'unknown') return status
  if (deadline !== null && deadline < asOf) return 'unknown / overdue'
  return 'pending'
}

export function today(): string {
  return new Date().toISOString().slice(0, 10)
}

/**
 * Stores an agreement with its resolved zones and obligations, replacing an earlier
 * version with the same id, and records the change (the whole document before and after)
 * in the audit log: all in one transaction, nothing half-written.
 */
export async function addAgreement(db: Kysely<Database>, loaded: LoadedAgreement, options: { actor?: string; reason?: string } = {}): Promise<Result<{ id: string; replaced: boolean; zones: number; obligations: number }>> {
  const a = loaded.agreement
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('agreements').select(['id', 'document']).where('id', '=', a.id).executeTakeFirst()
      if (existing) await trx.deleteFrom('agreements').where('id', '=', a.id).execute()
      await appendAudit(trx, {
        actor: options.actor ?? 'system', action: existing ? 'agreement.replace' : 'agreement.add', entity_type: 'agreement', entity_id: a.id,
        before: existing ? (typeof existing.document === 'string' ? JSON.parse(existing.document) : existing.document) : null, after: a, reason: options.reason ?? null,
      })
      await trx.insertInto('agreements').values({
        id: a.id, name: a.name, parties: a.parties, signed: a.signed, effective: a.effective, ends: a.ends,
        summary: a.summary, approximate: a.zones.some((z) => z.approximate), document: JSON.stringify(a),
      }).execute()
      for (const [i, zone] of loaded.zones.entries()) {
        const src = a.zones[i]!
        // ST_MakeValid guards against rounding in turf's output producing a ring PostGIS rejects
        await trx.insertInto('agreement_zones').values({
          agreement_id: a.id, zone_id: zone.id, name: zone.name, effective: src.effective ?? a.effective,
          approximate: src.approximate, construction: zone.construction,
          geom: sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(zone.geometry)}), 4326)), 3))`,
        }).execute()
      }
      for (const [seq, o] of a.obligations.entries()) {
        await trx.insertInto('agreement_obligations').values({
          agreement_id: a.id, obligation_id: o.id, seq, text: o.text, deadline: o.deadline, status: o.status, evidence: o.evidence,
        }).execute()
      }
      return ok({ id: a.id, replaced: Boolean(existing), zones: loaded.zones.length, obligations: a.obligations.length })
    })
  } catch (e) {
    return err(`Cannot store agreement "${a.id}": ${errorMessage(e)}`)
  }
}

async function summaries(db: Kysely<Database>, ids: string[] | null, asOf: string): Promise<AgreementSummary[]> {
  let q = db.selectFrom('agreements').selectAll().orderBy('signed').orderBy('id')
  if (ids) q = q.where('id', 'in', ids.length ? ids : [''])
  const rows = await q.execute()
  if (rows.length === 0) return []
  const keys = rows.map((r) => r.id)
  const zones = await db.selectFrom('agreement_zones').select(['agreement_id', 'zone_id', 'name', 'effective', 'approximate', 'construction'])
    .where('agreement_id', 'in', keys).orderBy('zone_id').execute()
  const obligations = await db.selectFrom('agreement_obligations').selectAll().where('agreement_id', 'in', keys).orderBy('seq').execute()
  return rows.map((r) => {
    const doc = (typeof r.document === 'string' ? JSON.parse(r.document) : r.document) as { sources?: AgreementSummary['sources'] }
    return {
      id: r.id, name: r.name, parties: r.parties, signed: r.signed, effective: r.effective, ends: r.ends, summary: r.summary,
      approximate: r.approximate, sources: doc.sources ?? [],
      zones: zones.filter((z) => z.agreement_id === r.id).map((z) => ({ id: z.zone_id, name: z.name, effective: z.effective, approximate: z.approximate, construction: z.construction })),
      obligations: obligations.filter((o) => o.agreement_id === r.id).map((o) => ({
        id: o.obligation_id, text: o.text, deadline: o.deadline, status: o.status, evidence: o.evidence,
        state: obligationState(o.status, o.deadline, asOf),
      })),
    }
  })
}

/** Every agreement with its zones (without geometry) and obligations, deadlines judged on `asOf`. */
export async function listAgreements(db: Kysely<Database>, options: { asOf?: string } = {}): Promise<AgreementSummary[]> {
  return summaries(db, null, options.asOf ?? today())
}

/** One agreement with its zones as GeoJSON, or null when the id is unknown. */
export async function getAgreement(db: Kysely<Database>, id: string, options: { asOf?: string } = {}): Promise<AgreementDetail | null> {
  const [summary] = await summaries(db, [id], options.asOf ?? today())
  if (!summary) return null
  const rows = await db.selectFrom('agreement_zones')
    .select(['zone_id', 'name', 'effective', 'approximate', sql<string>`ST_AsGeoJSON(geom, 6)`.as('geojson')])
    .where('agreement_id', '=', id).orderBy('zone_id').execute()
  const features = rows.map((z): Feature<MultiPolygon, AgreementDetail['zone_geojson']['features'][number]['properties']> => ({
    type: 'Feature', id: `${id}/${z.zone_id}`,
    properties: { agreement_id: id, zone_id: z.zone_id, name: z.name, effective: z.effective, approximate: z.approximate },
    geometry: JSON.parse(z.geojson) as MultiPolygon,
  }))
  return { ...summary, zone_geojson: { type: 'FeatureCollection', features } }
}
