/**
 * Applies `migrations/NNNN-name.sql` in order, each in its own transaction, recording what
 * was applied in `schema_migrations`. One set of files serves PGlite and the server.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import type { StoreBackend } from './backends/backend.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

export interface Migration { name: string; sql: string }

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }))
}

/** A fingerprint of all migrations: test templates are keyed on it. */
export function migrationsFingerprint(migrations = listMigrations()): string {
  const h = createHash('sha256')
  for (const m of migrations) h.update(m.name).update('\0').update(m.sql)
  return h.digest('hex').slice(0, 16)
}

export async function migrate(backend: StoreBackend, migrations = listMigrations()): Promise<string[]> {
  await backend.exec(`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`)
  const done = new Set((await backend.db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name))
  const applied: string[] = []
  for (const m of migrations) {
    if (done.has(m.name)) continue
    try {
      await backend.exec(`begin;\n${m.sql}\n;insert into schema_migrations (name) values ('${m.name}');\ncommit;`)
    } catch (e) {
      await backend.exec('rollback').catch(() => undefined)
      throw new Error(`Cannot apply migration ${m.name}: ${e instanceof Error ? e.message : String(e)}`)
    }
    applied.push(m.name)
  }
  return applied
}
