import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { err, errorMessage, ok, type Result } from '../../domain/index.ts'
import { Agreement } from './agreement-schema.ts'
import { resolveZone, type ResolvedZone } from './resolve-zone.ts'

/** A validated agreement with its zones resolved to MultiPolygons. */
export interface LoadedAgreement {
  agreement: Agreement
  zones: ResolvedZone[]
}

/** `obligations[1].deadline` from a zod issue path. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`
  return out || '(root)'
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ''
  return `${fieldPath(issue.path)}: ${issue.message}${more}`
}

/**
 * Validates an agreement document (already parsed JSON): the schema, then what the schema
 * cannot see — dates in order, ids unique, zone polygons simple (turf `kinks`) and bands not
 * empty. Errors are one line naming the field, without the input's name (see
 * `loadAgreementFile` for that).
 */
export function parseAgreement(input: unknown): Result<LoadedAgreement> {
  const parsed = Agreement.safeParse(input)
  if (!parsed.success) return err(firstIssue(parsed.error))
  const a = parsed.data
  if (a.effective < a.signed) return err(`effective: ${a.effective} is before the signing date ${a.signed}`)
  if (a.ends !== null && a.ends < a.effective) return err(`ends: ${a.ends} is before the effective date ${a.effective}`)
  const seen = new Set<string>()
  for (const [i, o] of a.obligations.entries()) {
    if (seen.has(`o:${o.id}`)) return err(`obligations[${i}].id: duplicate id "${o.id}"`)
    seen.add(`o:${o.id}`)
    if (o.deadline !== null && o.deadline < a.signed) return err(`obligations[${i}].deadline: ${o.deadline} is before the signing date ${a.signed}`)
  }
  const zones: ResolvedZone[] = []
  for (const [i, zone] of a.zones.entries()) {
    if (seen.has(`z:${zone.id}`)) return err(`zones[${i}].id: duplicate id "${zone.id}"`)
    seen.add(`z:${zone.id}`)
    if (zone.effective !== undefined && zone.effective < a.signed) return err(`zones[${i}].effective: ${zone.effective} is before the signing date ${a.signed}`)
    const resolved = resolveZone(zone, `zones[${i}]`)
    if (!resolved.ok) return resolved
    zones.push(resolved.value)
  }
  return ok({ agreement: a, zones })
}

/**
 * Reads and validates an agreement file. Every failure is one line naming the file and the
 * field: `Cannot load agreement "x.json": obligations[0].deadline: 2018-09-01 is before the signing date 2018-09-17`.
 *
 * @example
 * const loaded = await loadAgreementFile('demo/agreements/sochi-2018.json')
 * if (loaded.ok) await addAgreement(store.db, loaded.value)
 */
export async function loadAgreementFile(path: string): Promise<Result<LoadedAgreement>> {
  const fail = (reason: string) => err(`Cannot load agreement "${path}": ${reason}`)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return fail(code === 'ENOENT' ? 'no such file' : errorMessage(e))
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return fail(`malformed JSON (${errorMessage(e)})`)
  }
  const parsed = parseAgreement(json)
  return parsed.ok ? parsed : fail(parsed.error)
}
