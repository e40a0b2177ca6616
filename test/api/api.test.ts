/**
 * The REST API in-process (app.request): filters, pages, GeoJSON, detail with evidence,
 * stats, exports, sources and originals, auth and roles, redaction for viewers, review
 * actions with version conflicts, and hostile input (injection, oversize bodies, login flood).
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { freshPglite } from '../support/stores.ts'
import { createApp } from '../../src/api/app.ts'
import { startServer } from '../../src/api/server.ts'
import { serveOptions } from '../../src/cli/commands/serve.ts'
import { UsageError } from '../../src/cli/command.ts'
import type { Store } from '../../src/store/index.ts'
import { seedFixture, VICTIM, type Fixture } from './fixture.ts'
import { listIncidents as resolveList } from '../../src/resolve/index.ts'
import type { IncidentFilter } from '../../src/domain/index.ts'

let store: Store
let home: string
let fx: Fixture
let pub: ReturnType<typeof createApp>
let priv: ReturnType<typeof createApp>

const bearer = (t: string) => ({ headers: { Authorization: `Bearer ${t}` } })
const post = (body: unknown, token?: string) => ({
  method: 'POST', body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
})
async function json<T = Record<string, unknown>>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T
}

before(async () => {
  store = await freshPglite()
  home = mkdtempSync(join(tmpdir(), 'hw-api-'))
  fx = await seedFixture(store, home)
  pub = createApp({ store, home, public: true, bodyLimit: 64 * 1024 })
  priv = createApp({ store, home, public: false, loginAttemptsPerMinute: 5 })
})
after(async () => {
  await store.close()
  rmSync(home, { recursive: true, force: true })
})

describe('incidents', () => {
  it('filters by day, bbox, weapon, perpetrator, grade, area and full text', async () => {
    const ids = async (q: string) => (await json<{ items: { id: string }[] }>(pub.request(`/api/incidents?${q}`))).items.map((i) => i.id).sort()
    assert.deepEqual(await ids(''), ['inc_a1', 'inc_b2', 'inc_c3'])
    assert.deepEqual(await ids('from=2018-09-04&to=2018-09-04'), ['inc_a1', 'inc_b2'])
    assert.deepEqual(await ids('bbox=36.5,35.5,36.7,35.7'), ['inc_a1'])
    assert.deepEqual(await ids('weapon=barrel_bomb,shelling_artillery'), ['inc_b2', 'inc_c3'])
    assert.deepEqual(await ids('perpetrator=russia'), ['inc_a1'])
    assert.deepEqual(await ids('grade=fair'), [])
    assert.deepEqual(await ids('area=ariha'), ['inc_c3'])
    assert.deepEqual(await ids('q=helicopters'), ['inc_b2'])
    assert.deepEqual(await ids(`polygon=${encodeURIComponent(JSON.stringify({ type: 'Polygon', coordinates: [[[36.6, 35.8], [36.8, 35.8], [36.8, 36], [36.6, 36], [36.6, 35.8]]] }))}`), ['inc_c3'])
  })

  it('selects exactly what the resolution stage\'s listIncidents selects (the one filter)', async () => {
    const filters: IncidentFilter[] = [
      {}, { from: '2018-09-04', to: '2018-09-04' }, { from: '2018-09-05' }, { to: '2018-09-04' }, { from: '2018-09-11' },
      { bbox: [36, 35, 37, 36] }, { bbox: [36.5, 35.5, 36.7, 35.7], from: '2018-09-01', to: '2018-09-30' }, { weapon: ['airstrike'], to: '2018-09-30' },
      { area: 'Idlib', from: '2018-09-10' }, { limit: 1 }, { limit: 2, from: '2018-09-04' },
    ]
    for (const f of filters) {
      const ours = await json<{ items: { id: string }[]; next_cursor: string | null }>(pub.request(`/api/incidents?${new URLSearchParams(Object.entries(f).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]))}`))
      const theirs = await resolveList(store.db, f)
      assert.deepEqual(ours.items.map((i) => i.id), theirs.items.map((i) => i.id), JSON.stringify(f))
      assert.equal(ours.next_cursor, theirs.next_cursor, JSON.stringify(f))
    }
  })

  it('pages with a cursor without repeating or skipping', async () => {
    const seen: string[] = []
    let url = '/api/incidents?limit=1'
    for (let n = 0; n < 5; n++) {
      const page = await json<{ items: { id: string }[]; next_cursor: string | null }>(pub.request(url))
      seen.push(...page.items.map((i) => i.id))
      if (!page.next_cursor) break
      url = `/api/incidents?limit=1&cursor=${page.next_cursor}`
    }
    assert.deepEqual(seen, ['inc_c3', 'inc_b2', 'inc_a1'], 'newest first')
  })

  it('answers GeoJSON in both spellings', async () => {
    for (const url of ['/api/incidents.geojson?from=2018-09-10', '/api/incidents?from=2018-09-10&format=geojson']) {
      const res = await pub.request(url)
      assert.match(res.headers.get('content-type') ?? '', /geo\+json/)
      const fc = await json<GeoJSON.FeatureCollection>(res)
      assert.equal(fc.type, 'FeatureCollection')
      assert.equal(fc.features.length, 1)
      assert.deepEqual((fc.features[0]!.geometry as GeoJSON.Point).coordinates, [36.7, 35.9])
      assert.equal(fc.features[0]!.properties!.precision, 3)
    }
  })

  it('gives an incident with its claims, evidence spans and source text', async () => {
    const d = await json<{ incident: { killed: { min: number } }; reports: { evidence: { field: string; start: number; end: number }[]; source_id: string }[]; sources: { id: string; text: string }[] }>(pub.request('/api/incidents/inc_a1', bearer(fx.tokens.analyst)))
    assert.equal(d.incident.killed.min, 5)
    const killed = d.reports[0]!.evidence.find((e) => e.field === 'killed')!
    assert.equal(d.sources[0]!.text.slice(killed.start, killed.end), 'Five')
    assert.ok(d.sources[0]!.text.includes(VICTIM))
    assert.equal((await pub.request('/api/incidents/inc_nope')).status, 404)
  })

  it('counts by day, perpetrator, weapon and admin area with killed ranges', async () => {
    const s = await json<{ total: { incidents: number; killed: { min: number; max: number } }; by_day: { key: string; incidents: number }[]; by_weapon: { key: string }[]; by_admin2: { key: string }[] }>(pub.request('/api/stats'))
    assert.equal(s.total.incidents, 3)
    assert.deepEqual(s.total.killed, { min: 10, max: 10 })
    assert.deepEqual(s.by_day.map((d) => [d.key, d.incidents]), [['2018-09-04', 2], ['2018-09-10', 1]])
    assert.equal(s.by_weapon.length, 3)
    assert.ok(s.by_admin2.some((a) => a.key === 'Ariha'))
    const f = await json<{ total: { incidents: number } }>(pub.request('/api/stats?from=2018-09-10'))
    assert.equal(f.total.incidents, 1)
  })

  it('exports ACLED 31 columns, HXL and GeoJSON with the same filters', async () => {
    const csv = await (await pub.request('/api/export?format=csv&from=2018-09-04&to=2018-09-04')).text()
    const lines = csv.trim().split('\n')
    assert.equal(lines[0]!.split(',').length, 31)
    assert.equal(lines.length, 3)
    const hxl = (await (await pub.request('/api/export?format=hxl&weapon=airstrike')).text()).trim().split('\n')
    assert.match(hxl[1]!, /^#event\+id,#date/)
    assert.equal(hxl.length, 3)
    const geo = await json<GeoJSON.FeatureCollection>(pub.request('/api/export?format=geojson&perpetrator=unknown'))
    assert.equal(geo.features.length, 1)
  })

  it('publishes an OpenAPI 3.1 document built from the request schemas', async () => {
    const doc = await json<{ openapi: string; paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>(pub.request('/api/openapi.json'))
    assert.equal(doc.openapi, '3.1.0')
    const names = doc.paths['/api/incidents']!.get!.parameters!.map((p) => p.name)
    for (const n of ['from', 'to', 'bbox', 'polygon', 'area', 'perpetrator', 'weapon', 'target', 'grade', 'q', 'cursor', 'limit']) assert.ok(names.includes(n), n)
  })
})

describe('sources', () => {
  it('serves the original bytes with their hash', async () => {
    const res = await pub.request(`/api/sources/${fx.sourceIds[1]}/original`)
    assert.equal(res.status, 200)
    const sha = res.headers.get('x-content-sha256')!
    const { createHash } = await import('node:crypto')
    assert.equal(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex'), sha)
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="src_[0-9a-f]{16}\.txt"/)
  })
  it('keeps an original that names victims from viewers, not from analysts', async () => {
    assert.equal((await pub.request(`/api/sources/${fx.sourceIds[0]}/original`)).status, 403)
    assert.equal((await pub.request(`/api/sources/${fx.sourceIds[0]}/original`, bearer(fx.tokens.analyst))).status, 200)
  })
})

describe('auth and roles', () => {
  it('a private instance reads nothing without login; tokens and sessions open it', async () => {
    assert.equal((await priv.request('/api/incidents')).status, 401)
    assert.equal((await priv.request('/api/export')).status, 401)
    assert.equal((await priv.request('/api/incidents', bearer(fx.tokens.viewer))).status, 200)
    assert.equal((await priv.request('/api/incidents', bearer('hw_not-a-real-token-at-all'))).status, 401)
    const login = await priv.request('/api/login', post({ name: 'viewer1', password: fx.passwords.viewer }))
    assert.equal(login.status, 200)
    const cookie = login.headers.get('set-cookie')!
    assert.match(cookie, /HttpOnly/i)
    assert.match(cookie, /SameSite=Strict/i)
    const sid = cookie.split(';')[0]!
    assert.equal((await priv.request('/api/incidents', { headers: { Cookie: sid } })).status, 200)
    await priv.request('/api/logout', { method: 'POST', headers: { Cookie: sid } })
    assert.equal((await priv.request('/api/incidents', { headers: { Cookie: sid } })).status, 401)
  })

  it('a viewer never receives a victim\'s name or reviewer notes, in any format', async () => {
    const asViewer = [
      pub.request('/api/incidents/inc_a1'), priv.request('/api/incidents/inc_a1', bearer(fx.tokens.viewer)),
      pub.request('/api/incidents'), pub.request('/api/incidents.geojson'), pub.request('/api/export?format=csv'),
      pub.request('/api/export?format=geojson'), pub.request('/api/export?format=hxl'), pub.request(`/api/sources/${fx.sourceIds[0]}`),
    ]
    for (const res of await Promise.all(asViewer)) {
      const body = await res.text()
      assert.equal(res.status, 200)
      assert.ok(!body.includes(VICTIM) && !body.includes('Haddoush'), `victim leaked in ${res.url}`)
      assert.ok(!body.includes('called the family'), 'reviewer notes leaked')
    }
    const d = await json<{ sources: { text: string }[]; reports: { evidence: { field: string; start: number; end: number }[] }[] }>(pub.request('/api/incidents/inc_a1'))
    const killed = d.reports[0]!.evidence.find((e) => e.field === 'killed')!
    assert.equal(d.sources[0]!.text.slice(killed.start, killed.end), 'Five', 'masking keeps evidence spans aligned')
    const analyst = await (await pub.request('/api/incidents/inc_a1', bearer(fx.tokens.analyst))).text()
    assert.ok(analyst.includes('called the family'))
  })

  it('review needs the analyst role; merge and grade need the editor role', async () => {
    assert.equal((await pub.request(`/api/reports/${fx.reportIds[1]}/accept`, post({ version: 1 }))).status, 401)
    assert.equal((await pub.request(`/api/reports/${fx.reportIds[1]}/accept`, post({ version: 1 }, fx.tokens.viewer))).status, 403)
    assert.equal((await pub.request('/api/review/queue', bearer(fx.tokens.viewer))).status, 403)
    assert.equal((await pub.request('/api/incidents/inc_b2/grade', post({ version: 1, grade: 'confirmed', reason: 'x' }, fx.tokens.analyst))).status, 403)
  })

  it('mounts the monitoring routes under the same rules', async () => {
    assert.equal((await pub.request('/api/agreements')).status, 200)
    assert.equal((await priv.request('/api/agreements')).status, 401)
    assert.equal((await priv.request('/api/agreements', bearer(fx.tokens.viewer))).status, 200)
  })

  it('rate-limits login per name and address', async () => {
    const codes: number[] = []
    for (let k = 0; k < 7; k++) codes.push((await priv.request('/api/login', post({ name: 'admin1', password: 'wrong-password' }))).status)
    assert.deepEqual(codes.slice(0, 5), [401, 401, 401, 401, 401])
    assert.equal(codes[5], 429)
    assert.equal((await priv.request('/api/login', post({ name: 'admin1', password: fx.passwords.admin }))).status, 429)
  })
})

describe('review actions', () => {
  it('accepts a report once; the stale second writer gets 409', async () => {
    const rid = fx.reportIds[1]!
    const q = await json<{ reports: { id: string; version: number }[] }>(pub.request('/api/review/queue', bearer(fx.tokens.analyst)))
    const item = q.reports.find((r) => r.id === rid)!
    const first = await pub.request(`/api/reports/${rid}/accept`, post({ version: item.version }, fx.tokens.analyst))
    assert.equal(first.status, 200)
    const second = await pub.request(`/api/reports/${rid}/reject`, post({ version: item.version, reason: 'duplicate' }, fx.tokens.editor))
    assert.equal(second.status, 409)
    assert.equal((await json<{ error: { code: string } }>(second)).error.code, 'conflict')
    const after = await json<{ reports: { id: string }[] }>(pub.request('/api/review/queue', bearer(fx.tokens.analyst)))
    assert.ok(!after.reports.some((r) => r.id === rid))
  })
  it('merges two incidents and splits them again (editor); merging one with itself is refused', async () => {
    const v = async (id: string) => (await json<{ incident: { version: number } }>(pub.request(`/api/incidents/${id}`))).incident.version
    const self = await pub.request('/api/incidents/merge', post({ incident_ids: ['inc_a1', 'inc_a1'], versions: [1, 1], reason: 'same' }, fx.tokens.editor))
    assert.equal(self.status, 422)
    assert.equal((await pub.request('/api/incidents/merge', post({ incident_ids: ['inc_a1', 'inc_b2'], versions: [await v('inc_a1'), await v('inc_b2')], reason: 'x' }, fx.tokens.analyst))).status, 403)
    const merged = await pub.request('/api/incidents/merge', post({ incident_ids: ['inc_a1', 'inc_b2'], versions: [await v('inc_a1'), await v('inc_b2')], reason: 'one strike told twice' }, fx.tokens.editor))
    assert.equal(merged.status, 200, await merged.clone().text())
    assert.equal((await pub.request('/api/incidents/inc_b2')).status, 404)
    const both = await json<{ incident: { report_ids: string[]; version: number } }>(pub.request('/api/incidents/inc_a1'))
    assert.deepEqual([...both.incident.report_ids].sort(), [fx.reportIds[0], fx.reportIds[1]].sort())
    const split = await pub.request('/api/incidents/inc_a1/split', post({ version: both.incident.version, report_ids: [fx.reportIds[1]], reason: 'two villages after all' }, fx.tokens.editor))
    assert.equal(split.status, 200, await split.clone().text())
    const { created } = await json<{ created: { id: string; report_ids: string[] } }>(split)
    assert.deepEqual(created.report_ids, [fx.reportIds[1]])
    assert.equal((await pub.request(`/api/incidents/${created.id}`)).status, 200)
    const stale = await pub.request('/api/incidents/inc_a1/split', post({ version: both.incident.version, report_ids: [fx.reportIds[0]], reason: 'again' }, fx.tokens.editor))
    assert.equal(stale.status, 409)
  })

  it('grades an incident with a reason; unknown ids are 404 and bad bodies 400', async () => {
    const ok = await pub.request('/api/incidents/inc_c3/grade', post({ version: 1, grade: 'contested', reason: 'council and SNHR disagree' }, fx.tokens.editor))
    assert.equal(ok.status, 200)
    assert.equal((await json<{ incident: { grade: string } }>(pub.request('/api/incidents/inc_c3'))).incident.grade, 'contested')
    assert.equal((await pub.request('/api/incidents/inc_zz/grade', post({ version: 1, grade: 'fair', reason: 'x' }, fx.tokens.editor))).status, 404)
    assert.equal((await pub.request('/api/incidents/inc_c3/grade', post({ version: 1, grade: 'excellent', reason: 'x' }, fx.tokens.editor))).status, 400)
    assert.equal((await pub.request('/api/incidents/inc_c3/grade', { method: 'POST', body: '{not json', headers: { Authorization: `Bearer ${fx.tokens.editor}`, 'Content-Type': 'application/json' } })).status, 400)
  })
})

describe('hostile input', () => {
  const INJECTIONS = [
    "' OR 1=1 --", "'; DROP TABLE incidents; --", '"><script>alert(1)</script>', '%00', '\u0000', '../../etc/passwd', '{"$gt":""}',
    '1e309', 'NaN', '-1', '99999999999999999999', ')', '\\', "2018-09-04' OR '1'='1", '[[[[[[[[', 'null', ' ', 'ﷺ'.repeat(600),
  ]
  const PARAMS = ['from', 'to', 'bbox', 'polygon', 'area', 'perpetrator', 'weapon', 'target', 'grade', 'q', 'cursor', 'limit', 'format']
  it('every filter parameter answers 400 or an empty result, never 500', async () => {
    const before = await json<{ items: unknown[] }>(pub.request('/api/incidents'))
    for (const param of PARAMS) {
      for (const v of INJECTIONS) {
        for (const path of ['/api/incidents', '/api/stats', '/api/export']) {
          const res = await pub.request(`${path}?${param}=${encodeURIComponent(v)}`)
          assert.ok(res.status === 400 || res.status === 200, `${path}?${param}=${JSON.stringify(v).slice(0, 40)} gave ${res.status}`)
          if (res.status === 200 && path === '/api/incidents') {
            const body = await json<{ items: unknown[] }>(res)
            // Text filters may legitimately match (q=-1 is "not 1"); what matters is no error and no widening.
            assert.ok(body.items.length <= before.items.length, `${param}=${v} widened the result`)
          }
          if (res.status === 400) assert.match((await json<{ error: { message: string } }>(res)).error.message, /^Invalid/)
        }
      }
    }
    const still = await json<{ items: unknown[] }>(pub.request('/api/incidents'))
    assert.equal(still.items.length, 3, 'nothing was dropped')
  })
  it('refuses a bad polygon, impossible dates and unknown parameters with a clear 400', async () => {
    const cases = {
      'polygon={"type":"Polygon","coordinates":[[[0,0],[1,1]]]}': /polygon/,
      'polygon={"type":"Polygon","coordinates":[["x"]]}': /polygon/,
      'polygon=not-json': /malformed JSON/,
      'from=2018-02-30': /from: not a calendar date/,
      'from=2018-10-01&to=2018-09-01': /"from" is after "to"/,
      'bbox=1,2,3': /bbox/,
      'weapon=napalm': /weapon/,
      'colour=red': /colour/,
      'cursor=abc': /cursor/,
    }
    for (const [q, re] of Object.entries(cases)) {
      const res = await pub.request(`/api/incidents?${q}`)
      assert.equal(res.status, 400, q)
      assert.match((await json<{ error: { message: string } }>(res)).error.message, re, q)
    }
  })
  it('answers 413 to a body over the limit', async () => {
    const res = await pub.request('/api/login', post({ name: 'x', password: 'y'.repeat(100 * 1024) }))
    assert.equal(res.status, 413)
  })
  it('500s carry no internals', async () => {
    const res = await pub.request('/api/nope')
    assert.equal(res.status, 404)
  })
})

describe('serving', () => {
  it('serves the built UI with a strict CSP, client routes and no path escape, on 127.0.0.1', async () => {
    const web = mkdtempSync(join(tmpdir(), 'hw-web-'))
    mkdirSync(join(web, 'assets'))
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Harmwatch</title>')
    writeFileSync(join(web, 'assets', 'app-1.js'), 'console.log(1)')
    const server = await startServer({ store, home, public: true, webRoot: web }, { port: 0 })
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      const root = await fetch(server.url + '/')
      assert.match(await root.text(), /<title>Harmwatch/)
      const csp = root.headers.get('content-security-policy') ?? ''
      assert.match(csp, /script-src 'self'/)
      assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/)
      assert.match(await (await fetch(server.url + '/incidents/inc_a1')).text(), /<title>Harmwatch/)
      const js = await fetch(server.url + '/assets/app-1.js')
      assert.match(js.headers.get('content-type') ?? '', /javascript/)
      assert.match(js.headers.get('cache-control') ?? '', /immutable/)
      const escape = await (await fetch(server.url + '/%2e%2e/%2e%2e/%2e%2e/etc/passwd')).text()
      assert.doesNotMatch(escape, /root:/)
      const api = await fetch(server.url + '/api/incidents?limit=1')
      assert.equal(api.status, 200)
      assert.equal((await fetch(server.url + '/api/nope')).status, 404)
    } finally {
      await server.close()
      rmSync(web, { recursive: true, force: true })
    }
  })
  it('parses serve flags and refuses bad ones', () => {
    assert.deepEqual(serveOptions([], { public: false }), { port: 8080, host: '127.0.0.1', public: false })
    assert.deepEqual(serveOptions(['--port', '0', '--public'], { public: false }), { port: 0, host: '127.0.0.1', public: true })
    assert.equal(serveOptions(['--private'], { public: true }).public, false)
    assert.throws(() => serveOptions(['--port', 'http'], { public: false }), UsageError)
    assert.throws(() => serveOptions(['--port', '70000'], { public: false }), UsageError)
    assert.throws(() => serveOptions(['--bogus'], { public: false }), UsageError)
  })
})
