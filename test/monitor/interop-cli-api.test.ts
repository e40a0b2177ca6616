import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Hono } from 'hono'
import { SERVER_URL, freshPglite, serverAvailable } from '../support/stores.ts'
import pg from 'pg'
import type { Store } from '../../src/store/index.ts'
import { createApp } from '../../src/api/app.ts'
import { monitorRoutes } from '../../src/api/monitor-routes.ts'
import { issueToken } from '../../src/api/auth.ts'
import type { ApiEnv } from '../../src/api/deps.ts'
import { verifyAudit } from '../../src/review/index.ts'
import { main } from '../../src/cli/main.ts'
import type { Io } from '../../src/cli/command.ts'

const AIRWARS = `incident_code,incident_date,date_type,date_range_end,location_en,location_ar,district,governorate,latitude,longitude,geolocation_precision,belligerent,strike_type,munition,infrastructure,grading,civilian_deaths_min,civilian_deaths_max,civilian_injuries_min,civilian_injuries_max,children_killed_min,children_killed_max,n_sources,source_names,source_urls
AP001,2017-05-02,date,,First Place,,,Gov One,35.1,39.2,village,U.S.-led Coalition,Airstrike,,Healthcare,Fair,2,4,1,3,1,1,2,Monitor One ; Monitor Two,
AP002,2017-05-03,date,,Second Place,,,Gov One,35.2,39.3,town,Russian Military,Airstrike,,,Confirmed,5,5,,,,,1,Monitor One,
AP003,2017-05-04,date,,Third Place,,,Gov Two,135.3,39.4,city,Russian Military,Airstrike,,,Weak,0,1,,,,,0,,
`

describe('API: import, export, alert rules and delivery log', () => {
  let store: Store
  let tokens: Record<'editor' | 'viewer' | 'analyst', string>
  let app: Hono<ApiEnv>
  let apiHome: string
  before(async () => {
    store = await freshPglite()
    apiHome = mkdtempSync(join(tmpdir(), 'hw-interop-api-'))
    // token-only users (no password hashing: it is slow and not what these tests are about)
    for (const r of ['editor', 'viewer', 'analyst'] as const) await store.db.insertInto('users').values({ id: `usr_${r}`, name: `${r}-user`, role: r, password_hash: null }).execute()
    tokens = { editor: await issueToken(store.db, 'usr_editor'), viewer: await issueToken(store.db, 'usr_viewer'), analyst: await issueToken(store.db, 'usr_analyst') }
    app = createApp({ store, home: apiHome, public: false }, [monitorRoutes])
  })
  after(async () => { await store.close(); rmSync(apiHome, { recursive: true, force: true }) })
  const req = (path: string, token: string, init: RequestInit = {}) =>
    app.request(`http://127.0.0.1${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } })

  it('POST /api/import needs an editor and reports bad rows by line', async () => {
    assert.equal((await req('/api/import?format=airwars', tokens.viewer, { method: 'POST', body: AIRWARS })).status, 403)
    const r = await req('/api/import?format=airwars&name=test.csv', tokens.editor, { method: 'POST', body: AIRWARS, headers: { 'Content-Type': 'text/csv' } })
    assert.equal(r.status, 200)
    const s = await r.json() as { imported: number; errors: { line: number; message: string }[]; source_id: string }
    assert.equal(s.imported, 2)
    // the upload is evidence like any original: served back byte for byte
    const original = await req(`/api/sources/${s.source_id}/original`, tokens.viewer)
    assert.equal(original.status, 200)
    assert.equal(await original.text(), AIRWARS)
    assert.deepEqual(s.errors, [{ line: 4, message: 'latitude 135.3 is outside -90..90' }])
    const fatal = await req('/api/import?format=ucdp', tokens.editor, { method: 'POST', body: AIRWARS })
    assert.equal(fatal.status, 422)
    assert.match(((await fatal.json()) as { error: { message: string } }).error.message, /missing required columns id, side_a, date_start, best/)
    assert.equal((await req('/api/import?format=shapefile', tokens.editor, { method: 'POST', body: 'x' })).status, 400)
  })

  it('GET /api/export writes every format with the incidents filters', async () => {
    const kml = await req('/api/export?format=kml&perpetrator=russia', tokens.viewer)
    assert.equal(kml.status, 200)
    assert.equal(kml.headers.get('x-harmwatch-count'), '1')
    assert.match(kml.headers.get('content-type') ?? '', /kml/)
    assert.match(await kml.text(), /Second Place/)
    const ucdp = await req('/api/export?format=ucdp&from=2017-05-01&to=2017-05-31', tokens.viewer)
    assert.equal(ucdp.headers.get('x-harmwatch-count'), '2')
    assert.equal((await req('/api/export?format=pdf', tokens.viewer)).status, 400)
    const acled = await req('/api/export?format=csv', tokens.viewer)
    assert.match(await acled.text(), /^event_id_cnty,event_date,year,/)
    assert.equal((await req('/api/export?format=hxl&from=2018-02-31', tokens.viewer)).status, 400)
  })

  it('alert rules: editors create, analysts read, secrets never returned; delivery log', async () => {
    const body = JSON.stringify({ name: 'api rule', webhook_url: 'http://127.0.0.1:8/hook', secret: 'api-rule-secret', targets: ['hospital_medical'] })
    assert.equal((await req('/api/alerts', tokens.analyst, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })).status, 403)
    const created = await req('/api/alerts', tokens.editor, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })
    assert.equal(created.status, 201)
    const rule = await created.json() as { id: string }
    assert.equal((await req('/api/alerts', tokens.editor, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })).status, 409)
    const bad = await req('/api/alerts', tokens.editor, { method: 'POST', body: JSON.stringify({ name: 'x', webhook_url: 'file:///etc/passwd', secret: 'long-secret-x' }), headers: { 'Content-Type': 'application/json' } })
    assert.equal(bad.status, 400)
    const listed = await req('/api/alerts', tokens.analyst)
    const text = await listed.text()
    assert.match(text, /api rule/)
    assert.doesNotMatch(text, /api-rule-secret/)
    assert.equal((await req('/api/alerts', tokens.viewer)).status, 403)
    const off = await req(`/api/alerts/${rule.id}`, tokens.editor, { method: 'PATCH', body: '{"enabled":false}', headers: { 'Content-Type': 'application/json' } })
    assert.equal(((await off.json()) as { enabled: boolean }).enabled, false)
    const log = await req('/api/alerts/deliveries?status=pending', tokens.analyst)
    assert.deepEqual(await log.json(), { items: [] })
    assert.equal((await req(`/api/alerts/${rule.id}`, tokens.editor, { method: 'DELETE' })).status, 204)
    // rule changes and imports are in the hash-chained audit log, with who did them and never the secret
    const audit = await store.db.selectFrom('audit_log').select(['actor', 'action', 'entity_id', 'after']).where('action', '<>', 'token.create').orderBy('seq').execute()
    assert.deepEqual(audit.map((a) => [a.actor, a.action]), [
      ['editor-user', 'source.import'], ['editor-user', 'alert_rule.add'], ['editor-user', 'alert_rule.disable'], ['editor-user', 'alert_rule.remove'],
    ])
    assert.doesNotMatch(JSON.stringify(audit), /api-rule-secret/)
    assert.equal((await verifyAudit(store.db)).ok, true)
    assert.equal((await req(`/api/alerts/${rule.id}`, tokens.analyst)).status, 404)
  })
})

describe('CLI: import, export, alert add/list/deliver/log', () => {
  let home: string
  let schema: string | undefined
  let out: string[]
  let errs: string[]
  const io: Io = { out: (t) => { out.push(t) }, err: (t) => { errs.push(t) }, isTty: false, stdin: process.stdin }
  const run = async (...argv: string[]) => { out = []; errs = []; return main(argv, io) }
  let server: Server
  const received: string[] = []
  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'hw-interop-cli-'))
    process.env.HARMWATCH_HOME = home
    // Each command opens the store: a server schema opens in milliseconds, an embedded database in seconds.
    if (await serverAvailable()) {
      schema = `hw_test_cli_${process.pid}_${Date.now().toString(36)}`
      process.env.HARMWATCH_DATABASE_URL = SERVER_URL
      process.env.HARMWATCH_DATABASE_SCHEMA = schema
    } else delete process.env.HARMWATCH_DATABASE_URL
    server = createServer((rq, rs) => { let b = ''; rq.on('data', (c: Buffer) => { b += c.toString() }); rq.on('end', () => { received.push(b); rs.writeHead(204).end() }) })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  })
  after(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
    rmSync(home, { recursive: true, force: true })
    if (schema) {
      const c = new pg.Client({ connectionString: SERVER_URL })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
      delete process.env.HARMWATCH_DATABASE_URL
      delete process.env.HARMWATCH_DATABASE_SCHEMA
    }
  })

  it('runs the commands end to end with clear errors', async () => {
    const file = join(home, 'airwars.csv')
    writeFileSync(file, AIRWARS)
    const port = (server.address() as AddressInfo).port
    assert.equal(await run('alert', 'add', '--name', 'russia', '--webhook', `http://127.0.0.1:${port}/h`, '--secret', 'cli-secret-1', '--perpetrator', 'russia'), 0, errs.join('\n'))
    assert.equal(await run('alert', 'add', '--name', 'bad', '--webhook', 'http://x', '--secret', 'cli', '--min-killed', 'many'), 2)
    assert.match(errs.join('\n'), /--min-killed must be a whole number/)
    assert.equal(await run('import', '--format', 'airwars', '--alerts', file), 1, 'a refused row makes the exit code 1')
    assert.match(out.join('\n'), /Imported 2 of 3 airwars rows/)
    assert.match(out.join('\n'), /airwars\.csv line 4: latitude 135\.3 is outside -90\.\.90/)
    assert.match(out.join('\n'), /1 alert queued/)
    const sha = createHash('sha256').update(AIRWARS).digest('hex')
    assert.equal(readFileSync(join(home, 'evidence', sha.slice(0, 2), sha.slice(2, 4), sha), 'utf8'), AIRWARS, 'the imported file is kept as evidence')
    assert.equal(await run('import', '--format', 'csv', file), 2)
    assert.equal(await run('import', '--format', 'acled', join(home, 'missing.csv')), 1)
    assert.match(errs.join('\n'), /Cannot import ".*missing\.csv": no such file/)
    assert.equal(await run('alert', 'deliver'), 0)
    assert.equal(received.length, 1)
    assert.equal((JSON.parse(received[0]!) as { incident: { places: { name: string }[] } }).incident.places[0]?.name, 'Second Place')
    assert.equal(await run('alert', 'log'), 0)
    assert.match(out.join('\n'), /rule "russia" .* DELIVERED[\s\S]*#1 .* delivered {2}HTTP 204/)
    const outFile = join(home, 'out.geojson')
    assert.equal(await run('export', '--format', 'geojson', '--grade', 'fair', '-o', outFile), 0)
    const fc = JSON.parse(readFileSync(outFile, 'utf8')) as { features: { properties: { place: string } }[] }
    assert.deepEqual(fc.features.map((f) => f.properties.place), ['First Place'])
    assert.equal(await run('export', '--format', 'hxl', '--from', 'yesterday'), 2)
  })
})
