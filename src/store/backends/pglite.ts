/**
 * Embedded PostgreSQL: PGlite with PostGIS and pg_trgm, data in the workspace folder.
 * PGlite is one connection, so this adapter hands it to Kysely as a pool of one with a
 * queue: a transaction holds the connection until it commits, and everyone else waits.
 * Code inside a transaction must use the `trx` it was given, never the outer `db`.
 */
import { PGlite, types } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect } from 'kysely'
import type { Database } from '../database.ts'
import type { StoreBackend } from './backend.ts'

// Same value shapes as backends/postgres.ts: dates as 'YYYY-MM-DD', timestamps as ISO strings,
// bigint as number (counts and byte sizes stay far below 2^53).
const parsers = {
  [types.DATE]: (v: string) => v,
  [types.TIMESTAMPTZ]: (v: string) => new Date(v).toISOString(),
  [types.TIMESTAMP]: (v: string) => new Date(v + 'Z').toISOString(),
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => Number(v),
}

/** Opens (or creates) an embedded database; `dataDir` undefined = in memory. */
export async function openPglite(options: { dataDir?: string | undefined; loadDataDir?: Blob | File | undefined }): Promise<StoreBackend> {
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis, pg_trgm },
    parsers,
  })
  let tail: Promise<void> = Promise.resolve()
  const pool = {
    async connect() {
      let release!: () => void
      const previous = tail
      tail = new Promise<void>((resolve) => { release = resolve })
      await previous
      return {
        async query(sql: string, parameters: readonly unknown[]) {
          const r = await pg.query(sql, parameters as unknown[])
          const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT'
          return { command, rowCount: r.affectedRows ?? r.rows.length, rows: r.rows }
        },
        release() { release() },
      }
    },
    async end() { /* closed by close() */ },
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) })
  return {
    kind: 'pglite',
    db,
    async exec(sql: string) {
      // Through the same queue as queries, so a migration never interleaves with a transaction.
      const conn = await pool.connect()
      try { await pg.exec(sql) } finally { conn.release() }
    },
    async close() {
      await db.destroy()
      await pg.close()
    },
    async dump() { return pg.dumpDataDir('gzip') },
  }
}
