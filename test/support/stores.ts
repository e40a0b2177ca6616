/**
 * Store fixtures for tests. Every store suite runs once per backend (as Kysely's suites do):
 * PGlite always; the PostgreSQL server when one answers at HARMWATCH_TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test), each suite in a schema of its own.
 * Under CI=true an unreachable server fails the run instead of skipping it.
 *
 * Creating a PGlite database with PostGIS costs seconds, so the first suite dumps a migrated
 * template keyed on the migrations' fingerprint and the others load it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migrate, migrationsFingerprint, openPglite, openPostgres, type Store } from '../../src/store/index.ts'

export const SERVER_URL = process.env.HARMWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const CACHE = join(tmpdir(), 'harmwatch-test-templates')

/** A fresh, migrated embedded store in memory. */
export async function freshPglite(): Promise<Store> {
  const file = join(CACHE, `pglite-${migrationsFingerprint()}.tar.gz`)
  if (existsSync(file)) {
    const backend = await openPglite({ loadDataDir: new Blob([readFileSync(file)]) })
    await migrate(backend)
    return backend
  }
  const backend = await openPglite({})
  await migrate(backend)
  const dump = await backend.dump!()
  mkdirSync(CACHE, { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
  renameSync(tmp, file)
  return backend
}

let serverUp: Promise<boolean> | undefined
export function serverAvailable(): Promise<boolean> {
  serverUp ??= (async () => {
    const c = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2000 })
    try {
      await c.connect()
      const r = await c.query(`select count(*)::int as n from pg_available_extensions where name = 'postgis'`)
      await c.end()
      if (r.rows[0]?.n !== 1) throw new Error('PostGIS is not installed on the server')
      return true
    } catch (e) {
      await c.end().catch(() => undefined)
      if (process.env.CI === 'true') throw new Error(`PostgreSQL test server at ${SERVER_URL} is required under CI: ${(e as Error).message}`)
      return false
    }
  })()
  return serverUp
}

/** A fresh, migrated store on the server in a schema of its own; dropped by `dropServerStore`. */
export async function freshServer(): Promise<Store & { schema: string }> {
  const schema = `hw_test_${randomBytes(6).toString('hex')}`
  const backend = await openPostgres({ url: SERVER_URL, schema, max: 4 })
  await migrate(backend)
  return Object.assign(backend, { schema })
}

export async function dropServerStore(store: Store & { schema: string }): Promise<void> {
  await store.close()
  const c = new pg.Client({ connectionString: SERVER_URL })
  await c.connect()
  await c.query(`drop schema if exists ${store.schema} cascade`)
  await c.end()
}

export interface BackendCase {
  name: 'pglite' | 'postgres'
  open(): Promise<Store>
  dispose(store: Store): Promise<void>
}

/** The backends this run can test: PGlite always, the server when it answers. */
export async function backends(): Promise<BackendCase[]> {
  const list: BackendCase[] = [{ name: 'pglite', open: freshPglite, dispose: (s) => s.close() }]
  if (await serverAvailable()) {
    list.push({ name: 'postgres', open: freshServer, dispose: (s) => dropServerStore(s as Store & { schema: string }) })
  }
  return list
}
