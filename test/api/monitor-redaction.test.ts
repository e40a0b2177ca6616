/**
 * The monitoring routes never hand a viewer a victim's name or a reviewer's note: the brief
 * (Markdown, HTML, JSON), the protected-site registry and its report, and an agreement's
 * violations, read anonymously on a public instance and with a viewer token. An analyst's
 * read of the same incident shows the name, so the seed really carries it.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { freshPglite } from '../support/stores.ts'
import { createApp } from '../../src/api/app.ts'
import type { Store } from '../../src/store/index.ts'
import { addAgreement, parseAgreement } from '../../src/monitor/agreements/index.ts'
import { syncSitesFromIncidents } from '../../src/monitor/sites/index.ts'
import { seedFixture, VICTIM, type Fixture } from './fixture.ts'

const NOTE = 'phoned the brother on +963 555 0101'
// A headline (and URL slug) that names the dead, as many do; the brief cites sources by title and URL.
const TITLE = `Five killed in Kafr Testa, ${VICTIM} among them`

let store: Store
let home: string
let fx: Fixture
let pub: ReturnType<typeof createApp>
let priv: ReturnType<typeof createApp>

before(async () => {
  store = await freshPglite()
  home = mkdtempSync(join(tmpdir(), 'hw-monitor-redaction-'))
  fx = await seedFixture(store, home)
  const db = store.db
  // inc_a1 names its victim in the source text, the claim and the incident's sensitive record;
  // here it also hits a school (so it reaches the site registry) and carries a reviewer's note.
  await db.updateTable('incidents').set({
    targets: ['school'],
    sensitive: JSON.stringify({ victims: [{ name: VICTIM }], notes: [{ by: 'analyst1', at: '2018-09-12T10:00:00Z', text: NOTE }] }),
  }).where('id', '=', 'inc_a1').execute()
  await db.updateTable('reports').set({ targets: ['school'] }).where('incident_id', '=', 'inc_a1').execute()
  await db.updateTable('sources').set({ title: TITLE, url: 'https://news.example/2018/09/rami-haddoush-killed-in-kafr-testa' }).where('id', '=', fx.sourceIds[0]!).execute()
  await syncSitesFromIncidents(db)
  const deal = parseAgreement({
    id: 'redaction-deal', name: 'Redaction test deal', parties: ['russia', 'turkey'], signed: '2018-09-01', effective: '2018-09-01',
    zones: [{ id: 'box', name: 'Box', geometry: { type: 'Polygon', coordinates: [[[36, 35], [37, 35], [37, 36], [36, 36], [36, 35]]] } }],
    obligations: [],
  })
  assert.ok(deal.ok, deal.ok ? '' : deal.error)
  const added = await addAgreement(db, deal.value)
  assert.ok(added.ok, added.ok ? '' : added.error)
  pub = createApp({ store, home, public: true })
  priv = createApp({ store, home, public: false })
})
after(async () => {
  await store.close()
  rmSync(home, { recursive: true, force: true })
})

const ROUTES = [
  '/api/brief?from=2018-09-01&to=2018-09-30&format=md',
  '/api/brief?from=2018-09-01&to=2018-09-30&format=html',
  '/api/brief?from=2018-09-01&to=2018-09-30&format=json',
  '/api/brief?from=2018-09-01&to=2018-09-30&area=Idlib&format=md',
  '/api/sites',
  '/api/sites?kind=school',
  '/api/sites/report?from=2018-09-01&to=2018-09-30',
  '/api/agreements/redaction-deal/violations',
  '/api/agreements/redaction-deal/violations?from=2018-09-01&to=2018-09-30',
]

/** Every way the name or the note could be spelled in a body (HTML escapes none of these characters). */
function assertClean(body: string, what: string): void {
  const low = body.toLowerCase()
  for (const secret of [VICTIM, VICTIM.split(' ')[1]!, NOTE, '+963 555 0101']) {
    assert.ok(!low.includes(secret.toLowerCase()), `${what} reveals "${secret}"`)
  }
}

describe('monitoring routes and sensitive fields', () => {
  it('the seed is real: an analyst reads the victim\'s name and the note on the incident', async () => {
    const res = await priv.request('/api/incidents/inc_a1', { headers: { Authorization: `Bearer ${fx.tokens.analyst}` } })
    assert.equal(res.status, 200)
    const body = await res.text()
    assert.ok(body.includes(VICTIM))
    assert.ok(body.includes(NOTE))
  })

  for (const [who, app, headers] of [
    ['an anonymous visitor (public instance)', () => pub, (): Record<string, string> => ({})],
    ['a viewer', () => priv, (): Record<string, string> => ({ Authorization: `Bearer ${fx.tokens.viewer}` })],
  ] as const) {
    it(`${who} never receives a victim's name or a reviewer's note`, async () => {
      for (const url of ROUTES) {
        const res = await app().request(url, { headers: headers() })
        assert.equal(res.status, 200, `${url}: ${res.status}`)
        const body = await res.text()
        assertClean(body, `${url} for ${who}`)
        // not vacuous: the incident that names the victim is in every answer
        if (url.startsWith('/api/brief') || url.includes('violations') || url.includes('report')) assert.ok(body.includes('inc_a1') || body.includes('Kafr Testa'), `${url} leaves out inc_a1`)
      }
    })
  }

  it('the incident and its source, the brief\'s citations lead to, mask the headline for a viewer too', async () => {
    const auth = { headers: { Authorization: `Bearer ${fx.tokens.viewer}` } }
    for (const url of ['/api/incidents/inc_a1', `/api/sources/${fx.sourceIds[0]!}`]) {
      const res = await priv.request(url, auth)
      assert.equal(res.status, 200, url)
      const body = await res.text()
      assertClean(body, `${url} for a viewer`)
      assert.match(body, /Five killed in Kafr Testa, █+ among them/, url)
    }
  })

  it('the brief still cites the source, with the name masked', async () => {
    const res = await pub.request('/api/brief?from=2018-09-01&to=2018-09-30&format=md')
    const md = await res.text()
    assert.match(md, /Five killed in Kafr Testa, █+ among them/)
  })
})
