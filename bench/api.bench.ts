/**
 * API latency at scale: `GET /api/incidents` with a bbox and a time window over 1,000,000
 * synthetic incidents in the embedded store (PGlite on disk), measured with autocannon on
 * 127.0.0.1. Target: p95 <= 50 ms, 0 errors.
 *
 * The server runs in a child process (this same file, HW_API_BENCH_SERVER=1) so that the load
 * generator does not share its event loop. Each request asks for a different window, so no
 * two consecutive queries are the same. `HW_API_BENCH_ROWS` (default 1,000,000) and
 * `HW_API_BENCH_SECONDS` (default 15, per run) size it; the target is measured
 * with one connection (an analyst's map asks one question at a time) and a second run with
 * `HW_API_BENCH_CONNECTIONS` (default 4) is reported beside it.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { createRequire } from 'node:module'
import type { BenchResult } from './run.ts'

/** The part of autocannon's API used here (it ships no types). */
interface AutocannonResult { errors: number; timeouts: number; requests: { average: number } }
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult> & {
  on(event: 'response', cb: (client: unknown, status: number, bytes: number, ms: number) => void): void
}

const ROWS = Number(process.env.HW_API_BENCH_ROWS ?? 1_000_000)
const SECONDS = Number(process.env.HW_API_BENCH_SECONDS ?? 15)
const CONNECTIONS = Number(process.env.HW_API_BENCH_CONNECTIONS ?? 4)
const SELF = fileURLToPath(import.meta.url)

/** Synthetic incidents over Syria's bounding box and 2012-2024, written by the database itself. */
async function seed(rows: number, home: string): Promise<{ seconds: number }> {
  const { openStore } = await import('../src/store/index.ts')
  const store = await openStore({ home })
  const t = Date.now()
  const batch = 100_000
  for (let start = 1; start <= rows; start += batch) {
    const end = Math.min(rows, start + batch - 1)
    await store.exec(`insert into incidents (id, date, date_end, event_type, perpetrator, weapon, weapons, targets, places, geom, precision, admin1,
        killed_min, killed_max, injured_min, injured_max, grade, reported_by, independent_sources)
      select 'inc_b' || lpad(g::text, 8, '0'),
        d, d, 'Explosions/Remote violence',
        (array['russia','syrian_government','russia_or_syrian_government','opposition','hts','unknown'])[1 + (g * 7) % 6],
        w, array[w], array['residential'],
        jsonb_build_array(jsonb_build_object('name', 'Place ' || (g % 5000), 'lat', lat, 'lon', lon, 'precision', 1 + g % 3, 'admin1', 'Synthetic')),
        ST_SetSRID(ST_MakePoint(lon, lat), 4326), (1 + g % 3)::int, 'Synthetic',
        (g % 7)::int, (g % 7 + g % 3)::int, (g % 11)::int, (g % 11 + 2)::int, (array['weak','fair','confirmed','contested'])[1 + g % 4], array['Bench'], 1
      from (select g, date '2012-01-01' + ((g * 7919) % 4748)::int as d,
              35.7 + ((g * 104729) % 1000000) / 1000000.0 * 6.7 as lon,
              32.3 + ((g * 1299709) % 1000003) / 1000003.0 * 5.0 as lat,
              (array['airstrike','barrel_bomb','shelling_artillery','rocket_missile','drone','unknown'])[1 + (g * 13) % 6] as w
            from generate_series(${start}::bigint, ${end}::bigint) g) s`)
  }
  await store.exec('analyze incidents')
  await store.close()
  return { seconds: (Date.now() - t) / 1000 }
}

/** Child process: seed, serve on an ephemeral port, print the URL, serve until killed. */
async function serveChild(): Promise<void> {
  const home = process.env.HW_API_BENCH_HOME!
  const seeded = await seed(ROWS, home)
  const { openStore } = await import('../src/store/index.ts')
  const { startServer } = await import('../src/api/server.ts')
  const store = await openStore({ home })
  const server = await startServer({ store, home, public: true }, { port: 0, host: '127.0.0.1' })
  process.stdout.write(`${JSON.stringify({ url: server.url, seed_seconds: seeded.seconds })}\n`)
  process.on('SIGTERM', () => void server.close().then(() => store.close()).then(() => process.exit(0)))
}

/** CPU time (user + system) a process has used, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // clock ticks, USER_HZ = 100
  } catch {
    return null
  }
}

/** Windows of 30 days and 1°x1° boxes, varied per request. */
function paths(n: number): string[] {
  const out: string[] = []
  for (let k = 0; k < n; k++) {
    const day = new Date(Date.UTC(2012, 0, 1) + ((k * 37) % 4700) * 86_400_000)
    const to = new Date(day.getTime() + 29 * 86_400_000)
    const w = 35.8 + ((k * 0.37) % 5.5), s = 32.4 + ((k * 0.23) % 3.9)
    out.push(`/api/incidents?bbox=${w.toFixed(2)},${s.toFixed(2)},${(w + 1).toFixed(2)},${(s + 1).toFixed(2)}&from=${day.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}&limit=100`)
  }
  return out
}

export async function run(): Promise<BenchResult> {
  const home = mkdtempSync(join(tmpdir(), 'hw-api-bench-'))
  const child = spawn(process.execPath, ['--import', 'tsx', SELF], { env: { ...process.env, HW_API_BENCH_SERVER: '1', HW_API_BENCH_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before listening`)))
    })
    const { url, seed_seconds } = JSON.parse(first) as { url: string; seed_seconds: number }
    const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon
    const list = paths(500)
    let i = 0
    const setupRequest = (r: Record<string, unknown>) => ({ ...r, path: list[i++ % list.length] })
    await autocannon({ url, connections: 1, amount: 50, requests: [{ setupRequest }] })
    /** One autocannon run; p95 computed from every response time (autocannon reports p90 and p97.5 only). */
    const phase = async (connections: number) => {
      const cpu0 = cpuMs(child.pid)
      const times: number[] = []
      let non2xx = 0
      const instance = autocannon({ url, connections, duration: SECONDS, requests: [{ setupRequest }] })
      instance.on('response', (_c, status, _b, ms) => {
        times.push(ms)
        if (status < 200 || status >= 300) non2xx++
      })
      const result = await instance
      times.sort((a, b) => a - b)
      const pct = (p: number): number => Math.round((times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN) * 10) / 10
      const cpu1 = cpuMs(child.pid)
      const cpuPerRequest = cpu0 !== null && cpu1 !== null && times.length ? Math.round(((cpu1 - cpu0) / times.length) * 10) / 10 : NaN
      return { n: times.length, p50: pct(50), p95: pct(95), p99: pct(99), rps: Math.round(result.requests.average), errors: result.errors + result.timeouts + non2xx, cpuPerRequest }
    }
    const one = await phase(1)
    const many = await phase(CONNECTIONS)
    const q = 'GET /api/incidents bbox+30-day window'
    return {
      figures: [
        { name: 'incidents in store', value: ROWS, unit: 'rows' },
        { name: 'seed time (generate_series + indexes)', value: Math.round(seed_seconds), unit: 's' },
        { name: `${q}, 1 connection, p50`, value: one.p50, unit: 'ms' },
        { name: `${q}, 1 connection, p95`, value: one.p95, unit: 'ms', target: '<= 50 ms', met: one.p95 <= 50 },
        { name: `${q}, 1 connection, p99`, value: one.p99, unit: 'ms' },
        { name: `${q}, 1 connection, throughput`, value: one.rps, unit: 'req/s' },
        { name: 'server CPU time per request (user+system, 1 connection)', value: one.cpuPerRequest, unit: 'ms' },
        { name: `${q}, ${CONNECTIONS} connections, p50`, value: many.p50, unit: 'ms' },
        { name: `${q}, ${CONNECTIONS} connections, p95`, value: many.p95, unit: 'ms' },
        { name: `${q}, ${CONNECTIONS} connections, throughput`, value: many.rps, unit: 'req/s' },
        { name: 'errors (connection errors, timeouts, non-2xx), both runs', value: one.errors + many.errors, unit: 'count', target: '0', met: one.errors + many.errors === 0 },
      ],
      notes: [
        `${one.n} + ${many.n} requests, ${SECONDS} s per run; each request a different 1x1 degree box and 30-day window, limit 100`,
        'embedded PGlite on disk (single-threaded: concurrent requests queue, so latency under N connections is about N times the service time); server in a child process',
        `machine load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min) on ${cpus().length} cores`,
      ],
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(home, { recursive: true, force: true })
  }
}

if (process.env.HW_API_BENCH_SERVER === '1' && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await serveChild()
