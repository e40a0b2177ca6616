/**
 * Ingest 10,000 short text reports (Markdown with front matter, as monitors' bulletins are
 * kept) from a folder: reports/s and peak RSS, on the embedded store (PGlite on disk) and on
 * the PostgreSQL server (a schema of its own on 127.0.0.1). Each backend runs in a child
 * process so its peak RSS is its own; store creation is outside the timed part.
 * Target: >= 2,000 reports/s embedded.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { BenchResult } from './run.ts'

const N = Number(process.env.HARMWATCH_BENCH_REPORTS ?? 10_000)
const SERVER_URL = process.env.HARMWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const SELF = fileURLToPath(import.meta.url)

interface ChildResult { reportsPerCpuSecond: number; reportsPerSecond: number; seconds: number; added: number; failed: number; peakRssMb: number; openRssMb: number; againPerSecond: number }

function writeReports(dir: string): void {
  const outlets = ['SNHR', 'Syria Civil Defence', 'Enab Baladi', 'SMART News', 'Step News', 'Local council', 'Wire service']
  const places = ['Khan Shaykhun', 'Mhambal', 'Jisr al-Shughur', 'Hbit', 'Kafr Zita', 'al-Tamanah', 'Ariha', 'Saraqib', 'Maarrat al-Numan', 'Kafr Nabl']
  for (let i = 0; i < N; i++) {
    const day = 1 + (i % 30)
    const place = places[i % places.length]
    writeFileSync(join(dir, `report-${String(i).padStart(5, '0')}.md`), `---
outlet: ${outlets[i % outlets.length]}
published: 2018-09-${String(day).padStart(2, '0')}
url: https://example.org/reports/${i}
---
Report ${i}. On ${day} September 2018 an air strike hit a residential street in ${place}. Rescuers said ${i % 9} civilians were killed and ${(i * 7) % 13} injured; ${i % 3} of the dead were children. The strike was the ${1 + (i % 4)} on the town that week.
`)
  }
}

async function child(kind: 'embedded' | 'server', input: string, home: string): Promise<ChildResult> {
  const { openStore } = await import('../src/store/index.ts')
  const { ingestPaths } = await import('../src/ingest/index.ts')
  const schema = kind === 'server' ? `hw_bench_${randomBytes(5).toString('hex')}` : undefined
  const store = await openStore(kind === 'embedded' ? { home } : { url: SERVER_URL, schema })
  try {
    const opened = process.memoryUsage.rss()
    let peak = opened
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()) }, 20)
    const started = performance.now()
    const cpu = process.cpuUsage()
    const report = await ingestPaths(store, home, [input])
    const seconds = (performance.now() - started) / 1000
    const used = process.cpuUsage(cpu)
    const cpuSeconds = (used.user + used.system) / 1e6
    peak = Math.max(peak, process.memoryUsage.rss())
    const againStarted = performance.now()
    const again = await ingestPaths(store, home, [input])
    const againSeconds = (performance.now() - againStarted) / 1000
    clearInterval(sampler)
    if (again.added.length !== 0) throw new Error('re-ingest added sources')
    return { reportsPerCpuSecond: report.added.length / cpuSeconds, reportsPerSecond: report.added.length / seconds, seconds, added: report.added.length, failed: report.failed.length, peakRssMb: peak / 2 ** 20, openRssMb: opened / 2 ** 20, againPerSecond: again.already.length / againSeconds }
  } finally {
    await store.close()
    if (schema) {
      const c = new pg.Client({ connectionString: SERVER_URL })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
    }
  }
}

function runChild(kind: 'embedded' | 'server', input: string, home: string): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', SELF], {
    env: { ...process.env, HARMWATCH_BENCH_CHILD: kind, HARMWATCH_BENCH_INPUT: input, HARMWATCH_BENCH_HOME: home },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult
}

async function serverUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2000 })
  try { await c.connect(); await c.end(); return true } catch { return false }
}

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hw-bench-ingest-'))
  try {
    const input = join(dir, 'reports')
    mkdirSync(input)
    writeReports(input)
    const load = loadavg()[0]!.toFixed(1)
    const embedded = runChild('embedded', input, join(dir, 'home-embedded'))
    const figures: BenchResult['figures'] = [
      { name: `embedded (PGlite on disk): ingest ${N} reports`, value: Math.round(embedded.reportsPerSecond), unit: 'reports/s', target: '>= 2000', met: embedded.reportsPerSecond >= 2000 },
      { name: 'embedded: reports per CPU-second of the ingest process (one core, database included)', value: Math.round(embedded.reportsPerCpuSecond), unit: 'reports/cpu-s' },
      { name: 'embedded: peak RSS during ingest', value: Math.round(embedded.peakRssMb), unit: 'MB' },
      { name: 'embedded: RSS with the store open, before ingest (PGlite + PostGIS)', value: Math.round(embedded.openRssMb), unit: 'MB' },
      { name: 'embedded: re-ingest, all already kept', value: Math.round(embedded.againPerSecond), unit: 'reports/s' },
    ]
    const notes = [`wall-clock figures depend on what else the machine runs; reports/cpu-s is the one-core figure`, `${N} Markdown reports of ~400 bytes with front matter; evidence files fsynced; text with simple+english+arabic tsvector`, `load average at start: ${load} (machine shared with other jobs)`]
    if (await serverUp()) {
      const server = runChild('server', input, join(dir, 'home-server'))
      figures.push(
        { name: `server (PostgreSQL 127.0.0.1): ingest ${N} reports`, value: Math.round(server.reportsPerSecond), unit: 'reports/s' },
        { name: 'server: reports per CPU-second of the ingest process (server CPU not counted)', value: Math.round(server.reportsPerCpuSecond), unit: 'reports/cpu-s' },
        { name: 'server: peak RSS during ingest', value: Math.round(server.peakRssMb), unit: 'MB' },
        { name: 'server: RSS with the store open, before ingest', value: Math.round(server.openRssMb), unit: 'MB' },
        { name: 'server: re-ingest, all already kept', value: Math.round(server.againPerSecond), unit: 'reports/s' },
      )
    } else notes.push(`no PostgreSQL server at ${SERVER_URL}: server figures skipped`)
    return { figures, notes }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const childKind = process.env.HARMWATCH_BENCH_CHILD
if (childKind === 'embedded' || childKind === 'server') {
  const result = await child(childKind, process.env.HARMWATCH_BENCH_INPUT!, process.env.HARMWATCH_BENCH_HOME!)
  process.stdout.write(JSON.stringify(result) + '\n')
}
