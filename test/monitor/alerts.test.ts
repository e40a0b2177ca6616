import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { freshPglite } from '../support/stores.ts'
import { point, type Store } from '../../src/store/index.ts'
import {
  addAlertRule, alertCheckpoint, deleteAlertRule, evaluateAlertsSince, runDeliveryWorker, sendTestAlert, deliverDue, deliveryLog, evaluateAlerts, formatDeliveryLog, listAlertRules, requeueFailed, verifySignature,
} from '../../src/monitor/alerts/index.ts'

interface Received { body: string; signature: string | undefined; delivery: string | undefined }

/** A webhook receiver on 127.0.0.1:0 whose answer the test controls. */
class Receiver {
  server: Server
  received: Received[] = []
  status = 200
  port = 0
  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        if (this.status === 200) {
          this.received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-harmwatch-signature'] as string | undefined, delivery: req.headers['x-harmwatch-delivery'] as string | undefined })
        }
        res.writeHead(this.status).end()
      })
    })
  }
  listen(port = 0): Promise<number> {
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => {
      this.port = (this.server.address() as AddressInfo).port
      resolve(this.port)
    }))
  }
  close(): Promise<void> {
    return new Promise((resolve) => { this.server.closeAllConnections(); this.server.close(() => resolve()) })
  }
}

/** A clock the test moves by hand. */
function clock() {
  let t = Date.now() + 1000
  return { now: () => new Date(t), advance: (ms: number) => { t += ms } }
}

let store: Store
let n = 0
async function incident(o: { admin1?: string; lat?: number; lon?: number; killed?: [number, number]; targets?: string[]; perpetrator?: string; weapon?: string; date?: string }): Promise<string> {
  const id = `inc_alert${++n}`
  await store.db.insertInto('incidents').values({
    id, date: o.date ?? '2018-09-20', date_end: null, event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike',
    perpetrator: o.perpetrator ?? 'russia', weapon: o.weapon ?? 'airstrike', weapons: [o.weapon ?? 'airstrike'], targets: o.targets ?? ['residential'],
    places: JSON.stringify([{ name: 'Somewhere', lat: o.lat ?? 35.9, lon: o.lon ?? 36.6, precision: 1, admin1: o.admin1 ?? 'Idlib' }]),
    geom: point(o.lat ?? 35.9, o.lon ?? 36.6), precision: 1, admin1: o.admin1 ?? 'Idlib', admin2: null,
    killed_min: o.killed?.[0] ?? null, killed_max: o.killed?.[1] ?? null, injured_min: null, injured_max: null,
    children_killed_min: null, children_killed_max: null, grade_reasons: '[]', sensitive: JSON.stringify({ victims: ['Secret Victim Name'] }),
  }).execute()
  return id
}

async function addReport(incidentId: string, seq: number): Promise<void> {
  const sourceId = 'src_00000000000000a1'
  await store.db.insertInto('sources').values({
    id: sourceId, sha256: '00000000000000a1'.padEnd(64, '0'), media_type: 'text/plain', byte_size: 1, origin_kind: 'file', origin: 'x.txt',
    url: null, http_status: null, http_headers: null, retrieved_at: '2018-09-21T00:00:00Z', tool_version: 'test', published: null, title: null, outlet: null,
    previous_version_id: null, meta: '{}',
  }).onConflict((oc) => oc.column('id').doNothing()).execute()
  await store.db.insertInto('reports').values({
    id: `rep_00000000000000a1_${seq}`, source_id: sourceId, seq, extractor: 'test', event: '{}', date: '2018-09-20', date_end: null, event_type: null,
    sub_event_type: null, perpetrator: null, weapon: null, killed_min: null, killed_max: null, injured_min: null, injured_max: null,
    geom: null, precision: null, admin1: null, incident_id: incidentId,
  }).execute()
}

before(async () => { store = await freshPglite() })
after(async () => { await store.close() })

describe('alert rules', () => {
  it('refuses webhooks that are not http(s), short secrets and self-intersecting polygons, with a reason', async () => {
    const bad = await addAlertRule(store.db, { name: 'ftp', webhook_url: 'ftp://127.0.0.1/x', secret: 'long-enough-secret' })
    assert.equal(bad.ok, false)
    assert.match(!bad.ok ? bad.error : '', /webhook_url must be an http:\/\/ or https:\/\/ URL/)
    const smtp = await addAlertRule(store.db, { name: 'smtp', webhook_url: 'http://127.0.0.1:25/x', secret: 'long-enough-secret' })
    assert.match(!smtp.ok ? smtp.error : '', /webhook_url uses a port that fetch refuses/)
    const js = await addAlertRule(store.db, { name: 'js', webhook_url: 'javascript:alert(1)', secret: 'long-enough-secret' })
    assert.equal(js.ok, false)
    const short = await addAlertRule(store.db, { name: 'short', webhook_url: 'http://127.0.0.1/x', secret: 'abc' })
    assert.match(!short.ok ? short.error : '', /secret must be at least 8 characters/)
    const bowtie = await addAlertRule(store.db, {
      name: 'bowtie', webhook_url: 'http://127.0.0.1/x', secret: 'long-enough-secret',
      area: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] },
    })
    assert.match(!bowtie.ok ? bowtie.error : '', /area polygon is invalid \(Self-intersection/)
    assert.deepEqual((await listAlertRules(store.db)).map((r) => r.name), [])
  })
})

describe('evaluateAlerts and webhook delivery', () => {
  const receiver = new Receiver()
  before(async () => { await receiver.listen() })
  after(async () => { await receiver.close() })

  it('fires only for matching incidents, once per incident state, again when a new report joins', async () => {
    const added = await addAlertRule(store.db, {
      name: 'idlib hospitals', webhook_url: `http://127.0.0.1:${receiver.port}/hook`, secret: 'hospital-secret',
      area: 'Idleb Governorate', targets: ['hospital_medical'], min_killed: 3, from: '2018-09-01', to: '2018-10-31',
    })
    assert.ok(added.ok, !added.ok ? added.error : '')
    const hit = await incident({ targets: ['hospital_medical'], killed: [2, 5] })
    const tooFew = await incident({ targets: ['hospital_medical'], killed: [1, 2] })
    const elsewhere = await incident({ targets: ['hospital_medical'], killed: [4, 4], admin1: 'Hama' })
    const otherTarget = await incident({ targets: ['market'], killed: [9, 9] })
    const tooLate = await incident({ targets: ['hospital_medical'], killed: [9, 9], date: '2018-11-02' })
    const ids = [hit, tooFew, elsewhere, otherTarget, tooLate]
    const first = await evaluateAlerts(store.db, { incidentIds: ids })
    assert.deepEqual(first.deliveries.map((d) => [d.incident_id, d.trigger]), [[hit, 'incident']])
    assert.equal((await evaluateAlerts(store.db, { incidentIds: ids })).fired, 0, 'unchanged incidents do not fire again')
    await addReport(hit, 1)
    const again = await evaluateAlerts(store.db, { incidentIds: [hit] })
    assert.deepEqual(again.deliveries.map((d) => d.trigger), ['report'])
  })

  it('delivers signed JSON bodies and logs each attempt', async () => {
    const c = clock()
    const r = await deliverDue(store.db, { now: c.now })
    assert.deepEqual(r, { attempted: 2, delivered: 2, retrying: 0, failed: 0 })
    assert.equal(receiver.received.length, 2)
    for (const got of receiver.received) {
      assert.ok(verifySignature('hospital-secret', got.body, got.signature), 'signature is HMAC-SHA256 of the body')
      assert.ok(!verifySignature('other-secret', got.body, got.signature))
      const body = JSON.parse(got.body) as { schema: string; delivery_id: string; summary: string; incident: { id: string; killed: { max: number } } }
      assert.equal(body.schema, 'harmwatch.alert/1')
      assert.match(body.summary, /^New (incident|report on incident) inc_alert\d+: airstrike at Somewhere on 2018-09-20 attributed to russia; killed 2-5, injured unknown \(grade weak, 0 sources\)$/)
      assert.equal(body.delivery_id, got.delivery)
      assert.equal(body.incident.killed.max, 5)
      assert.doesNotMatch(got.body, /Secret Victim Name/, 'sensitive fields never leave in alerts')
    }
    assert.equal((await deliverDue(store.db, { now: c.now })).attempted, 0, 'nothing left to send')
    // a test ping goes out at once, signed, and is not queued
    assert.deepEqual(await sendTestAlert(store.db, 'idlib hospitals'), { ok: true, status: 200 })
    const ping = receiver.received.at(-1)!
    assert.ok(verifySignature('hospital-secret', ping.body, ping.signature))
    assert.equal((JSON.parse(ping.body) as { test: boolean }).test, true)
    receiver.received.pop()
    assert.match((await sendTestAlert(store.db, 'nope') as { error: string }).error, /no such rule/)
    const log = await deliveryLog(store.db, { rule: 'idlib hospitals' })
    assert.equal(log.length, 2)
    assert.ok(log.every((e) => e.status === 'delivered' && e.log.length === 1 && e.log[0]?.http_status === 200))
  })

  it('survives a receiver outage (503, then connection refused): nothing lost, delivered once back, recorded once', async () => {
    const flaky = new Receiver()
    const port = await flaky.listen()
    const added = await addAlertRule(store.db, { name: 'outage', webhook_url: `http://127.0.0.1:${port}/in`, secret: 'outage-secret', perpetrators: ['syrian_government'] })
    assert.ok(added.ok)
    const ids = [await incident({ perpetrator: 'syrian_government' }), await incident({ perpetrator: 'syrian_government', weapon: 'barrel_bomb' })]
    assert.equal((await evaluateAlerts(store.db, { incidentIds: ids })).fired, 2)
    const c = clock()
    const opts = { now: c.now, random: () => 0.5, retry: { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 10 } }

    flaky.status = 503
    assert.deepEqual(await deliverDue(store.db, opts), { attempted: 2, delivered: 0, retrying: 2, failed: 0 })
    assert.equal((await deliverDue(store.db, opts)).attempted, 0, 'not due before the backoff delay')
    await flaky.close()
    c.advance(1000)
    assert.deepEqual(await deliverDue(store.db, opts), { attempted: 2, delivered: 0, retrying: 2, failed: 0 })
    const down = await deliveryLog(store.db, { rule: 'outage' })
    for (const e of down) {
      assert.equal(e.status, 'pending')
      assert.deepEqual(e.log.map((a) => a.http_status), [503, null])
      assert.match(e.log[0]?.error ?? '', /^POST http:\/\/127\.0\.0\.1:\d+\/in failed: HTTP 503/)
      // a pooled keep-alive socket may see the close before a new connect is refused
      assert.match(e.log[1]?.error ?? '', /failed: (connection refused \(ECONNREFUSED\)|connection closed by the receiver \(UND_ERR_SOCKET\))$/)
      // the second delay is twice the first (jitter fixed at the middle here)
      assert.equal(Date.parse(e.next_attempt_at ?? '') - c.now().getTime(), 1500)
    }

    const back = new Receiver()
    await back.listen(port)
    try {
      c.advance(1500)
      assert.deepEqual(await deliverDue(store.db, opts), { attempted: 2, delivered: 2, retrying: 0, failed: 0 })
      c.advance(3_600_000)
      assert.equal((await deliverDue(store.db, opts)).attempted, 0)
      assert.equal(back.received.length, 2)
      assert.deepEqual(new Set(back.received.map((x) => (JSON.parse(x.body) as { incident: { id: string } }).incident.id)), new Set(ids))
      const log = await deliveryLog(store.db, { rule: 'outage' })
      assert.ok(log.every((e) => e.status === 'delivered' && e.log.filter((a) => a.outcome === 'delivered').length === 1 && e.log.length === 3))
      assert.match(formatDeliveryLog(log), /#2 .*retry .*connection (refused|closed)/)
    } finally {
      await back.close()
    }
  })

  it('an unreachable webhook ends as failed with a clear error, is kept, and can be requeued', async () => {
    const gone = new Receiver()
    const port = await gone.listen()
    await gone.close()
    const added = await addAlertRule(store.db, { name: 'unreachable', webhook_url: `http://127.0.0.1:${port}/x`, secret: 'unreachable-secret', weapons: ['cluster_munition'] })
    assert.ok(added.ok)
    await evaluateAlerts(store.db, { incidentIds: [await incident({ weapon: 'cluster_munition' })] })
    const c = clock()
    const opts = { now: c.now, retry: { baseDelayMs: 10, maxDelayMs: 100, maxAttempts: 3 } }
    for (let i = 0; i < 3; i++) { await deliverDue(store.db, opts); c.advance(1000) }
    const [e] = await deliveryLog(store.db, { rule: 'unreachable' })
    assert.equal(e?.status, 'failed')
    assert.deepEqual(e?.log.map((a) => a.outcome), ['retry', 'retry', 'failed'])
    assert.match(e?.last_error ?? '', new RegExp(`POST http://127.0.0.1:${port}/x failed: connection refused \\(ECONNREFUSED\\)`))
    assert.equal(await requeueFailed(store.db, { now: c.now }), 1)
    const [requeued] = await deliveryLog(store.db, { rule: 'unreachable' })
    assert.equal(requeued?.status, 'pending')
    // a fresh round of retries; the log keeps numbering
    await deliverDue(store.db, opts)
    const [more] = await deliveryLog(store.db, { rule: 'unreachable' })
    assert.deepEqual(more?.log.map((a) => [a.attempt, a.outcome]), [[1, 'retry'], [2, 'retry'], [3, 'failed'], [4, 'retry']])
    assert.ok(await deleteAlertRule(store.db, 'unreachable'))
  })

  it('a receiver that never answers times out with a clear error and is retried', async () => {
    const silent = createServer(() => { /* accepts, never answers */ })
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()))
    try {
      const port = (silent.address() as AddressInfo).port
      assert.ok((await addAlertRule(store.db, { name: 'silent', webhook_url: `http://127.0.0.1:${port}/s`, secret: 'silent-secret', perpetrators: ['sdf_ypg'] })).ok)
      await evaluateAlerts(store.db, { incidentIds: [await incident({ perpetrator: 'sdf_ypg' })] })
      const r = await deliverDue(store.db, { now: clock().now, timeoutMs: 200 })
      assert.deepEqual(r, { attempted: 1, delivered: 0, retrying: 1, failed: 0 })
      const [e] = await deliveryLog(store.db, { rule: 'silent' })
      assert.equal(e?.last_error, `POST http://127.0.0.1:${port}/s failed: no answer within 0.2 s (timeout)`)
      assert.ok(await deleteAlertRule(store.db, 'silent'))
    } finally {
      silent.closeAllConnections()
      await new Promise((r) => silent.close(r))
    }
  })

  it('evaluateAlertsSince picks up incidents changed after a checkpoint', async () => {
    const added = await addAlertRule(store.db, { name: 'israel', webhook_url: 'http://127.0.0.1:8/x', secret: 'israel-secret', perpetrators: ['israel'] })
    assert.ok(added.ok)
    const old = await incident({ perpetrator: 'israel' })
    // the embedded database's clock may tick in milliseconds: keep the three moments apart
    await new Promise((r) => setTimeout(r, 15))
    const since = await alertCheckpoint(store.db)
    await new Promise((r) => setTimeout(r, 15))
    const fresh = await incident({ perpetrator: 'israel' })
    const r = await evaluateAlertsSince(store.db, { since })
    assert.deepEqual(r.deliveries.map((d) => d.incident_id), [fresh])
    await store.db.updateTable('incidents').set({ updated_at: new Date(Date.now() + 60_000).toISOString() }).where('id', '=', old).execute()
    assert.deepEqual((await evaluateAlertsSince(store.db, { since })).deliveries.map((d) => d.incident_id), [old])
    assert.ok(await deleteAlertRule(store.db, 'israel'))
  })

  it('the background worker sends new alerts until stopped', async () => {
    const rx = new Receiver()
    const port = await rx.listen()
    try {
      assert.ok((await addAlertRule(store.db, { name: 'worker', webhook_url: `http://127.0.0.1:${port}/w`, secret: 'worker-secret', perpetrators: ['isis'] })).ok)
      const stop = new AbortController()
      const results: number[] = []
      const worker = runDeliveryWorker(store.db, { intervalMs: 20, signal: stop.signal, onResult: (r) => { results.push(r.delivered) } })
      await evaluateAlerts(store.db, { incidentIds: [await incident({ perpetrator: 'isis' })] })
      for (let i = 0; i < 500 && rx.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
      stop.abort()
      await worker
      assert.equal(rx.received.length, 1)
      assert.equal(results.reduce((a, b) => a + b, 0), 1)
    } finally {
      await rx.close()
    }
  })

  it('a polygon area matches incidents inside it only', async () => {
    const added = await addAlertRule(store.db, {
      name: 'box', webhook_url: 'https://127.0.0.1:8/never', secret: 'polygon-secret',
      area: { type: 'Polygon', coordinates: [[[36, 35], [37, 35], [37, 36], [36, 36], [36, 35]]] }, perpetrators: ['turkey'],
    })
    assert.ok(added.ok)
    assert.deepEqual(added.ok && added.value.area && typeof added.value.area === 'object' ? added.value.area.type : null, 'Polygon')
    const inside = await incident({ perpetrator: 'turkey', lat: 35.5, lon: 36.5 })
    const outside = await incident({ perpetrator: 'turkey', lat: 36.5, lon: 36.5 })
    const r = await evaluateAlerts(store.db, { incidentIds: [inside, outside] })
    assert.deepEqual(r.deliveries.map((d) => d.incident_id), [inside])
  })
})
