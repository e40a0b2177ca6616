import type { Kysely } from 'kysely'
import type { Database } from '../database.ts'

/** The one seam between Harmwatch and a database: only the connection differs. */
export interface StoreBackend {
  readonly kind: 'pglite' | 'postgres'
  readonly db: Kysely<Database>
  /** Runs a multi-statement SQL script (migrations). */
  exec(sql: string): Promise<void>
  close(): Promise<void>
  /** Embedded only: a gzipped tarball of the data directory. */
  dump?(): Promise<Blob | File>
}
