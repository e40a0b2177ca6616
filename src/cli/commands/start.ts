import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { openStore, type Store } from '../../store/index.ts'
import { runPipeline } from '../../pipeline.ts'
import { REPO_ROOT, WEB_DIST } from '../../api/server.ts'
import { createUserWithPassword } from '../../api/auth.ts'
import { errorMessage } from '../../domain/index.ts'
import { ingestPaths } from '../../ingest/index.ts'
import { addAgreement, loadAgreementFile } from '../../monitor/agreements/index.ts'
import type { Command, Io } from '../command.ts'
import { serveOptions, serveUntilSignal } from './serve.ts'

const DEMO_CORPUS = join(REPO_ROOT, 'demo', 'idlib-2018')
const DEMO_AGREEMENTS = join(REPO_ROOT, 'demo', 'agreements')

async function loadDemo(store: Store, home: string, io: Io): Promise<void> {
  io.out(`Loading the demo corpus from ${DEMO_CORPUS} ...`)
  const report = await ingestPaths(store, home, [DEMO_CORPUS])
  io.out(`Ingested ${report.added.length} new sources (${report.already.length} already there)${report.failed.length ? `, ${report.failed.length} failed` : ''}`)
  for (const f of report.failed.slice(0, 10)) io.err(`  ${f.error}`)
  if (!existsSync(DEMO_AGREEMENTS)) return
  for (const f of readdirSync(DEMO_AGREEMENTS).filter((n) => n.endsWith('.json')).sort()) {
    const loaded = await loadAgreementFile(join(DEMO_AGREEMENTS, f))
    if (!loaded.ok) { io.err(`Cannot load agreement ${f}: ${loaded.error}`); continue }
    const added = await addAgreement(store.db, loaded.value)
    io.out(added.ok ? `Agreement ${f} loaded` : `Cannot add agreement ${f}: ${added.error}`)
  }
}

/** The built UI is missing, or older than a file of src/web/ (after a pull, say). */
function webBuildStale(): boolean {
  const index = join(WEB_DIST, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  const dir = join(REPO_ROOT, 'src', 'web')
  return readdirSync(dir).some((f) => statSync(join(dir, f)).mtimeMs > built)
}

/** Demo reviewer accounts on a fresh workspace; passwords are random and kept in the workspace. */
async function demoAccounts(store: Store, home: string, io: Io): Promise<void> {
  const n = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  if (Number(n.n) > 0) return
  const lines: string[] = []
  for (const role of ['admin', 'analyst'] as const) {
    const password = randomBytes(9).toString('base64url')
    await createUserWithPassword(store.db, role, role, password)
    lines.push(`${role}: ${password}`)
  }
  const file = join(home, 'demo-accounts.txt')
  writeFileSync(file, `Harmwatch demo accounts (name: password)\n${lines.join('\n')}\n`, { mode: 0o600 })
  io.out(`Demo accounts (also in ${file}):\n  ${lines.join('\n  ')}`)
}

export const command: Command = {
  name: 'start',
  summary: 'the demo: load the Idlib 2018 corpus when the store is empty, resolve it, and serve the map',
  usage: `harmwatch start [--port 8080] [--host 127.0.0.1] [--private]

What npm start runs. Opens the workspace (HARMWATCH_HOME), loads demo/idlib-2018 and
demo/agreements when the store has no sources, runs the pipeline (extraction, resolution),
builds the web UI when web-dist/ is missing or older than src/web/, and serves it publicly (anonymous visitors read
as viewers) on http://127.0.0.1:8080. --private requires a login to read anything.`,
  async run(argv, { config, io }) {
    const opts = serveOptions(argv, { public: true })
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      const count = await store.db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      if (Number(count.n) === 0) await loadDemo(store, config.home, io)
      io.out('Running the pipeline (extraction, geocoding, resolution) on new sources ...')
      const done = await runPipeline(store)
      io.out(`Pipeline: ${done.sources} sources read, ${done.reports} reports, ${done.incidents} incidents created or updated${done.failed.length ? `, ${done.failed.length} failed` : ''}`)
      for (const f of done.failed.slice(0, 10)) io.err(`  ${f.source_id}: ${f.error}`)
      await demoAccounts(store, config.home, io)
    } catch (e) {
      await store.close()
      throw e
    }
    if (webBuildStale()) {
      io.out('Building the web UI into web-dist/ (vite build) ...')
      const r = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(REPO_ROOT, 'src', 'web', 'vite.config.ts')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
      if (r.status !== 0) io.err(`Cannot build the web UI (serving the API only): ${(r.stderr || errorMessage(r.error)).trim().split('\n').slice(-3).join(' ')}`)
    }
    const webRoot = existsSync(join(WEB_DIST, 'index.html')) ? WEB_DIST : undefined
    await serveUntilSignal(store, config.home, opts, webRoot, io)
    return 0
  },
}
