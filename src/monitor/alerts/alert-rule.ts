/**
 * Saved alert rules: what to watch (area, period, perpetrators, weapons, target kinds,
 * minimum killed) and where to send it (a webhook signed with the rule's secret).
 */
import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import { IsoDate, Perpetrator, Target, Weapon, err, ok, type Result } from '../../domain/index.ts'
import type { Database } from '../../store/index.ts'
import { areaKey } from '../../resolve/index.ts'
import { appendAudit } from '../../review/index.ts'

type Db = Kysely<Database>

const Polygonal = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.unknown()).min(1),
})

// The Fetch standard's "bad ports": fetch refuses them, so a webhook there could never be delivered.
const BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109,
  110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554,
  556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667,
  6668, 6669, 6679, 6697, 10080])

const parseUrl = (s: string): URL | null => {
  try {
    return new URL(s)
  } catch {
    return null
  }
}

export const WebhookUrl = z.string().max(2000)
  .refine((s) => {
    const u = parseUrl(s)
    return u !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== ''
  }, 'must be an http:// or https:// URL')
  .refine((s) => !BAD_PORTS.has(Number(parseUrl(s)?.port || 0)), 'uses a port that fetch refuses to connect to (e.g. 9, 25, 6000)')

/** A rule as written by a user (CLI flags, API body). */
export const AlertRuleInput = z.object({
  name: z.string().trim().min(1).max(200),
  webhook_url: WebhookUrl,
  secret: z.string().min(8, 'must be at least 8 characters').max(500),
  /** an admin area name, or a GeoJSON Polygon/MultiPolygon geometry */
  area: z.union([z.string().trim().min(1).max(200), Polygonal]).nullish(),
  from: IsoDate.nullish(),
  to: IsoDate.nullish(),
  perpetrators: z.array(Perpetrator).default([]),
  weapons: z.array(Weapon).default([]),
  targets: z.array(Target).default([]),
  min_killed: z.number().int().nonnegative().nullish(),
  enabled: z.boolean().default(true),
}).refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from must not be after to', path: ['to'] })
export type AlertRuleInput = z.input<typeof AlertRuleInput>

/** A rule as shown to users: the secret never leaves the store. */
export interface AlertRule {
  id: string
  name: string
  webhook_url: string
  area: string | { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null
  from: string | null
  to: string | null
  perpetrators: string[]
  weapons: string[]
  targets: string[]
  min_killed: number | null
  enabled: boolean
  created_by: string | null
  created_at: string
}

function describe(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || 'rule'} ${i.message}`).join('; ')
}

/** Saves a rule; a bad rule or a taken name is an error value. */
export async function addAlertRule(db: Db, input: unknown, opts: { createdBy?: string } = {}): Promise<Result<AlertRule>> {
  const parsed = AlertRuleInput.safeParse(input)
  if (!parsed.success) return err(`Cannot add alert rule: ${describe(parsed.error)}`)
  const r = parsed.data
  const existing = await db.selectFrom('alert_rules').select('id').where('name', '=', r.name).executeTakeFirst()
  if (existing) return err(`Cannot add alert rule "${r.name}": a rule with that name exists (${existing.id})`)
  let areaGeom = sql`NULL`
  let areaName: string | null = null
  let areaKeys: string[] = []
  if (typeof r.area === 'string') {
    areaName = r.area
    areaKeys = await areaNames(db, r.area)
  } else if (r.area) {
    const geojson = JSON.stringify(r.area)
    const check = await sql<{ valid: boolean; reason: string }>`select ST_IsValid(g) as valid, ST_IsValidReason(g) as reason
      from (select ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) as g) t`.execute(db).catch((e: unknown) => e as Error)
    if (check instanceof Error) return err(`Cannot add alert rule "${r.name}": area is not a readable GeoJSON polygon (${check.message})`)
    const row = check.rows[0]
    if (!row?.valid) return err(`Cannot add alert rule "${r.name}": area polygon is invalid (${row?.reason ?? 'unknown reason'})`)
    areaGeom = sql`ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)`
  }
  const id = `alr_${randomBytes(8).toString('hex')}`
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('alert_rules').values({
      id,
      name: r.name,
      webhook_url: r.webhook_url,
      secret: r.secret,
      area_name: areaName,
      area_keys: areaKeys,
      area_geom: areaGeom,
      date_from: r.from ?? null,
      date_to: r.to ?? null,
      perpetrators: r.perpetrators,
      weapons: r.weapons,
      targets: r.targets,
      min_killed: r.min_killed ?? null,
      enabled: r.enabled,
      created_by: opts.createdBy ?? null,
    }).execute()
    // The secret stays out of the audit log; everything that decides what fires goes in.
    await appendAudit(trx, {
      actor: opts.createdBy ?? 'system', action: 'alert_rule.add', entity_type: 'alert_rule', entity_id: id,
      after: { name: r.name, webhook_url: r.webhook_url, area: r.area ?? null, from: r.from ?? null, to: r.to ?? null, perpetrators: r.perpetrators, weapons: r.weapons, targets: r.targets, min_killed: r.min_killed ?? null, enabled: r.enabled },
    })
  })
  const rule = await getAlertRule(db, id)
  return rule ? ok(rule) : err(`Cannot add alert rule "${r.name}": not found after saving`)
}

/**
 * The keys an admin area name matches by: the same spelling-tolerant key the incidents
 * filter uses (`areaKey`: "Idleb" and "Idlib" agree), plus the keys of the gazetteer's admin
 * units that carry the name as an Arabic name or alias. A name with no key (all vowels, or
 * non-Latin script with no gazetteer entry) matches by its lower-cased self.
 */
async function areaNames(db: Db, name: string): Promise<string[]> {
  const rows = await db.selectFrom('places').select('name')
    .where((eb) => eb.or([eb('name_ar', '=', name), eb(sql`${name}`, '=', sql`any(alt_names)`)]))
    .where('feature', 'in', ['governorate', 'district', 'subdistrict', 'admin1', 'admin2', 'admin3'])
    .limit(20).execute()
  const keys = [name, ...rows.map((r) => r.name)].map((n) => areaKey(n) || `=${n.trim().toLowerCase()}`)
  return [...new Set(keys)]
}

interface RuleRow {
  id: string; name: string; webhook_url: string; area_name: string | null; area: string | null
  date_from: string | null; date_to: string | null; perpetrators: string[]; weapons: string[]; targets: string[]
  min_killed: number | null; enabled: boolean; created_by: string | null; created_at: string
}

const RULE_SELECT = sql`select id, name, webhook_url, area_name, ST_AsGeoJSON(area_geom) as area, date_from, date_to,
  perpetrators, weapons, targets, min_killed, enabled, created_by, created_at from alert_rules`

function toRule(r: RuleRow): AlertRule {
  return {
    id: r.id,
    name: r.name,
    webhook_url: r.webhook_url,
    area: r.area ? (JSON.parse(r.area) as AlertRule['area']) : r.area_name,
    from: r.date_from,
    to: r.date_to,
    perpetrators: r.perpetrators,
    weapons: r.weapons,
    targets: r.targets,
    min_killed: r.min_killed,
    enabled: r.enabled,
    created_by: r.created_by,
    created_at: typeof r.created_at === 'string' ? r.created_at : new Date(r.created_at).toISOString(),
  }
}

export async function listAlertRules(db: Db): Promise<AlertRule[]> {
  const { rows } = await sql<RuleRow>`${RULE_SELECT} order by name`.execute(db)
  return rows.map(toRule)
}

/** A rule by id or by name. */
export async function getAlertRule(db: Db, idOrName: string): Promise<AlertRule | undefined> {
  const { rows } = await sql<RuleRow>`${RULE_SELECT} where id = ${idOrName} or name = ${idOrName} limit 1`.execute(db)
  return rows[0] ? toRule(rows[0]) : undefined
}

/** Turns a rule on or off; false when there is no such rule. */
export async function setAlertRuleEnabled(db: Db, idOrName: string, enabled: boolean, opts: { actor?: string } = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('alert_rules').set({ enabled })
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)])).returning(['id', 'name']).executeTakeFirst()
    if (!r) return false
    await appendAudit(trx, { actor: opts.actor ?? 'system', action: enabled ? 'alert_rule.enable' : 'alert_rule.disable', entity_type: 'alert_rule', entity_id: r.id, after: { name: r.name, enabled } })
    return true
  })
}

/** Deletes a rule with its deliveries and their log; false when there is no such rule. */
export async function deleteAlertRule(db: Db, idOrName: string, opts: { actor?: string } = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('alert_rules')
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)])).returning(['id', 'name', 'webhook_url']).executeTakeFirst()
    if (!r) return false
    await appendAudit(trx, { actor: opts.actor ?? 'system', action: 'alert_rule.remove', entity_type: 'alert_rule', entity_id: r.id, before: { name: r.name, webhook_url: r.webhook_url } })
    return true
  })
}
