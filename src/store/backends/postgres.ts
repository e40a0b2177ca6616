/**
 * PostgreSQL server (with PostGIS) through `pg`, for a monitor that outgrows one machine.
 * `schema` isolates a workspace inside one database (tests run each suite in its own).
 */
import pg from 'pg'
import { Kysely, PostgresDialect } from 'kysely'
import type { Database } from '../database.ts'
import type { StoreBackend } from './backend.ts'

// Value shapes identical to backends/pglite.ts.
const typeParsers = new Map<number, (v: string) => unknown>([
  [1082, (v) => v], // date
  [1184, (v) => new Date(v).toISOString()], // timestamptz
  [1114, (v) => new Date(v + 'Z').toISOString()], // timestamp
  [20, (v) => Number(v)], // int8
  [1700, (v) => Number(v)], // numeric
])
const types = {
  getTypeParser(oid: number, format?: string) {
    return typeParsers.get(oid) ?? pg.types.getTypeParser(oid, format as 'text')
  },
}

export async function openPostgres(options: { url: string; schema?: string | undefined; max?: number }): Promise<StoreBackend> {
  const schema = options.schema
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new RangeError(`Cannot open schema "${schema}": expected a lower-case SQL identifier`)
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 8,
    types,
    // PostGIS and pg_trgm live in `public`; our tables in the workspace schema.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  })
  const probe = await pool.connect().catch((e: unknown) => {
    throw new Error(`Cannot connect to PostgreSQL at ${redact(options.url)}: ${e instanceof Error ? e.message : String(e)}`)
  })
  try {
    if (schema) await probe.query(`create schema if not exists ${schema}`)
    await ensureExtensions(probe)
  } finally {
    probe.release()
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    kind: 'postgres',
    db,
    async exec(sql: string) { await pool.query(sql) },
    async close() { await db.destroy() },
  }
}

/** Extensions are database-wide; concurrent first runs may race, so a duplicate is fine. */
async function ensureExtensions(client: pg.PoolClient): Promise<void> {
  for (const ext of ['postgis', 'pg_trgm']) {
    try {
      await client.query(`create extension if not exists ${ext} schema public`)
    } catch (e) {
      const code = (e as { code?: string }).code
      if (code !== '23505' && code !== '42710') {
        throw new Error(`Cannot enable extension ${ext} on the PostgreSQL server: ${(e as Error).message} (install postgresql-15-postgis-3)`)
      }
    }
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@')
}
