/**
 * Storage: one PostgreSQL + PostGIS dialect, embedded (PGlite, the default) or on a server
 * (`HARMWATCH_DATABASE_URL`). Repository functions take the Kysely handle (`fn(db, ...)`),
 * and transactions pass `trx`.
 *
 * @example
 * const store = await openStore({ home: './harmwatch-data' })
 * const n = await store.db.selectFrom('sources').select(({ fn }) => fn.countAll().as('n')).executeTakeFirst()
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { openPglite } from './backends/pglite.ts'
import { openPostgres } from './backends/postgres.ts'
import type { StoreBackend } from './backends/backend.ts'
import { migrate } from './migrate.ts'

export type { StoreBackend } from './backends/backend.ts'
export type * from './database.ts'
export { migrate, listMigrations, migrationsFingerprint } from './migrate.ts'
export { openPglite } from './backends/pglite.ts'
export { openPostgres } from './backends/postgres.ts'
export * from './sql.ts'

export interface StoreOptions {
  /** Workspace folder; the embedded database lives in `<home>/db`. */
  home?: string | undefined
  /** postgres://... : use a PostgreSQL server instead of the embedded database. */
  url?: string | undefined
  /** Server only: the schema to keep this workspace's tables in. @default public */
  schema?: string | undefined
  /** Embedded only: keep the database in memory (tests). */
  memory?: boolean | undefined
}

export type Store = StoreBackend

/** Opens the store and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  let backend: StoreBackend
  if (options.url) {
    backend = await openPostgres({ url: options.url, schema: options.schema })
  } else if (options.memory) {
    backend = await openPglite({})
  } else {
    if (!options.home) throw new RangeError('Cannot open the embedded store: no workspace folder given')
    const dataDir = join(options.home, 'db')
    mkdirSync(dataDir, { recursive: true })
    backend = await openPglite({ dataDir })
  }
  try {
    await migrate(backend)
  } catch (e) {
    await backend.close()
    throw e
  }
  return backend
}
