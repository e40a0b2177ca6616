/**
 * Request validation: every query string and body goes through a zod schema (the same ones
 * the OpenAPI document is generated from); a bad value is a 400 naming the parameter.
 */
import type { Context } from 'hono'
import { z } from 'zod'
import { HttpError } from './deps.ts'

function describe(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : 'value'}: ${i.message}`).join('; ')
}

/** Parses with `schema`; a zod failure or a throwing preprocessor (bad JSON) becomes a 400. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  let r: ReturnType<T['safeParse']>
  try {
    r = schema.safeParse(input) as ReturnType<T['safeParse']>
  } catch (e) {
    throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${e instanceof SyntaxError ? 'malformed JSON' : 'unreadable value'}`)
  }
  if (!r.success) throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${describe(r.error)}`, r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
  return r.data as z.output<T>
}

/** The query string as an object; a parameter given twice is refused rather than guessed. */
export function queryObject(c: Context): Record<string, string> {
  const all = c.req.queries()
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(all)) {
    if (v.length > 1) throw new HttpError(400, 'invalid_request', `Invalid query: "${k}" given ${v.length} times`)
    out[k] = v[0] ?? ''
  }
  return out
}

export async function parseJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new HttpError(400, 'invalid_json', 'Request body must be JSON')
  }
  return parseWith(schema, body, 'request body')
}
