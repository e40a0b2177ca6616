import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { freshPglite } from '../support/stores.ts'
import { point, type Store } from '../../src/store/index.ts'
import { addAlertRule, evaluateAlerts } from '../../src/monitor/alerts/index.ts'
import { startServer } from '../../src/api/server.ts'

describe('harmwatch serve', () => {
  let store: Store
  let receiver: Server
  const received: string[] = []
  before(async () => {
    store = await freshPglite()
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => { received.push(Buffer.concat(chunks).toString('utf8')); res.writeHead(200).end() })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()))
  })
  after(async () => {
    receiver.closeAllConnections()
    await new Promise<void>((resolve) => receiver.close(() => resolve()))
    await store.close()
  })

  it('sends due alert webhooks while it serves, and stops when closed', async () => {
    const port = (receiver.address() as AddressInfo).port
    assert.ok((await addAlertRule(store.db, { name: 'served', webhook_url: `http://127.0.0.1:${port}/hook`, secret: 'served-secret', perpetrators: ['sdf_ypg'] })).ok)
    await store.db.insertInto('incidents').values({
      id: 'inc_served1', date: '2018-09-20', perpetrator: 'sdf_ypg', weapon: 'shelling_artillery', places: '[]', geom: point(36.5, 38.9),
      admin1: 'Raqqa', grade_reasons: '[]', sensitive: '{}',
    }).execute()
    const fired = await evaluateAlerts(store.db, { incidentIds: ['inc_served1'] })
    assert.equal(fired.deliveries.length, 1)
    const server = await startServer({ store, home: '/nonexistent-harmwatch-home', public: false }, { port: 0, deliverAlerts: true, alertIntervalMs: 20 })
    // the API answers while the worker runs beside it
    assert.equal((await fetch(`${server.url}/api/incidents`)).status, 401)
    for (let i = 0; i < 1000 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
    await server.close()
    assert.equal(received.length, 1)
    assert.match(received[0]!, /inc_served1/)
    const row = await store.db.selectFrom('alert_deliveries').select(['status']).executeTakeFirstOrThrow()
    assert.equal(row.status, 'delivered')
  })
})
