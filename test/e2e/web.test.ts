/**
 * The web application in headless Chromium against a real server on 127.0.0.1 (one browser,
 * one server): the demo corpus (ingested and run through the pipeline) plus a small fixture
 * with a named victim and a hostile source. Screenshots go to artifacts/.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { spawnSync } from 'node:child_process'
import { chromium, type Browser, type Page } from 'playwright-core'
import { freshPglite } from '../support/stores.ts'
import { startServer, REPO_ROOT, WEB_DIST, type RunningServer } from '../../src/api/server.ts'
import { ingestPaths } from '../../src/ingest/index.ts'
import { runPipeline } from '../../src/pipeline.ts'
import type { Store } from '../../src/store/index.ts'
import { seedFixture, VICTIM, type Fixture } from '../api/fixture.ts'

const ARTIFACTS = join(REPO_ROOT, 'artifacts')
let store: Store
let home: string
let fx: Fixture
let server: RunningServer
let browser: Browser
let demoSources = 0

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader']

async function getJson<T>(path: string, token?: string): Promise<T> {
  const res = await fetch(server.url + path, token ? { headers: { Authorization: `Bearer ${token}` } } : {})
  assert.equal(res.status, 200, path)
  return (await res.json()) as T
}

/** A page that records anything the hostile source could make run. */
async function newPage(): Promise<{ page: Page; alarms: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const alarms: string[] = []
  page.on('console', (m) => { if (m.text().includes('PWNED')) alarms.push(`console: ${m.text()}`) })
  page.on('dialog', (d) => { alarms.push(`dialog: ${d.message()}`); void d.dismiss() })
  page.on('pageerror', (e) => alarms.push(`pageerror: ${e.message}`))
  return { page, alarms }
}
const ready = (page: Page) => page.waitForSelector('#app[data-ready="1"]', { timeout: 30_000 })

before(async () => {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(REPO_ROOT, 'src', 'web', 'vite.config.ts')], { cwd: REPO_ROOT, encoding: 'utf8' })
  assert.equal(build.status, 0, build.stderr)
  mkdirSync(ARTIFACTS, { recursive: true })
  store = await freshPglite()
  home = mkdtempSync(join(tmpdir(), 'hw-e2e-'))
  const ingested = await ingestPaths(store, home, [join(REPO_ROOT, 'demo', 'idlib-2018')])
  demoSources = ingested.added.length
  await runPipeline(store)
  fx = await seedFixture(store, home)
  server = await startServer({ store, home, public: true, webRoot: WEB_DIST }, { port: 0, host: '127.0.0.1' })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
})

after(async () => {
  await browser?.close()
  await server?.close()
  await store?.close()
  if (home) rmSync(home, { recursive: true, force: true })
})

describe('web application', () => {
  it('the map shows the demo incidents, clustered and styled', async () => {
    assert.ok(demoSources >= 40, `demo corpus ingested (${demoSources} sources)`)
    const all = await getJson<{ features: { id: string; geometry: unknown }[] }>('/api/incidents.geojson?limit=10000')
    const mapped = all.features.filter((f) => f.geometry).length
    const demo = all.features.filter((f) => !fx.incidentIds.includes(f.id)).length
    assert.ok(demo > 0, 'the pipeline resolved the demo corpus into incidents')
    const { page, alarms } = await newPage()
    await page.goto(server.url + '/')
    await ready(page)
    await page.waitForFunction(() => {
      const m = (window as unknown as { harmwatchMap?: { loaded(): boolean; queryRenderedFeatures(o: unknown): unknown[] } }).harmwatchMap
      return m?.loaded() && m.queryRenderedFeatures({ layers: ['incident-points', 'clusters'] }).length > 0
    }, undefined, { timeout: 30_000 })
    assert.equal(await page.getAttribute('#map', 'data-incidents'), String(mapped))
    assert.equal(await page.locator('.incident-item').count(), all.features.length)
    const drawn = await page.evaluate(() => {
      const m = (window as unknown as { harmwatchMap: { queryRenderedFeatures(o: unknown): { properties: Record<string, unknown> }[] } }).harmwatchMap
      return m.queryRenderedFeatures({ layers: ['incident-points', 'clusters'] }).reduce((n, f) => n + (Number(f.properties.point_count) || 1), 0)
    })
    assert.ok(drawn > 0 && drawn <= mapped, `drawn ${drawn} of ${mapped}`)
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-map.png') })
    assert.deepEqual(alarms, [])
    await page.close()
  })

  it('brushing 4 September 2018 on the timeline leaves that day\'s strikes', async () => {
    const day = '2018-09-04'
    const expected = await getJson<{ items: { id: string; date: string | null; date_end: string | null }[] }>(`/api/incidents?from=${day}&to=${day}&limit=1000`)
    assert.ok(expected.items.length >= 2)
    const { page } = await newPage()
    await page.goto(server.url + '/')
    await ready(page)
    const bar = page.locator(`.timeline rect.bar[data-day="${day}"]`)
    const box = (await bar.boundingBox())!
    await page.mouse.move(box.x + 1, box.y + box.height - 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2, { steps: 3 })
    await page.mouse.move(box.x + box.width - 1, box.y + box.height - 2, { steps: 3 })
    await page.mouse.up()
    await page.waitForURL((u) => u.searchParams.get('from') === day && u.searchParams.get('to') === day)
    await page.waitForFunction((n) => document.querySelectorAll('.incident-item').length === n, expected.items.length)
    const ids = await page.locator('.incident-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))
    assert.deepEqual(ids.sort(), expected.items.map((i) => i.id).sort())
    for (const i of expected.items) assert.ok((i.date ?? '') <= day && (i.date_end ?? i.date ?? '') >= day)
    const onMap = await page.getAttribute('#map', 'data-incidents')
    assert.ok(Number(onMap) <= expected.items.length)
    await page.waitForTimeout(500)
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-brushed-2018-09-04.png') })
    // The filter lives in the URL: reloading keeps it.
    await page.reload()
    await ready(page)
    assert.equal(await page.locator('.incident-item').count(), expected.items.length)
    await page.close()
  })

  it('an incident page highlights the killed figure in its source text', async () => {
    const { page, alarms } = await newPage()
    await page.goto(`${server.url}/incidents/inc_a1`)
    await ready(page)
    const killed = page.locator('.source-text mark.ev-killed')
    assert.equal(await killed.first().textContent(), 'Five')
    assert.equal(await page.locator('.facts .killed').textContent(), '5')
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-incident.png'), fullPage: true })
    // And on a demo incident: every highlighted killed figure is the text at its evidence span.
    const demo = (await getJson<{ items: { id: string; killed: { max: number | null } }[] }>('/api/incidents?limit=1000')).items.find((i) => !fx.incidentIds.includes(i.id) && i.killed.max)
    if (demo) {
      const d = await getJson<{ reports: { source_id: string; evidence: { field: string; start: number; end: number }[] }[]; sources: { id: string; text: string }[] }>(`/api/incidents/${demo.id}`)
      const spans = d.reports.flatMap((r) => r.evidence.filter((e) => e.field === 'killed').map((e) => d.sources.find((s) => s.id === r.source_id)!.text.slice(e.start, e.end)))
      await page.goto(`${server.url}/incidents/${demo.id}`)
      await ready(page)
      const marked = await page.locator('.source-text mark.ev-killed').allTextContents()
      if (spans.length) assert.ok(marked.length > 0 && marked.every((m) => spans.includes(m)), `marked ${JSON.stringify(marked)} vs spans ${JSON.stringify(spans)}`)
      await page.screenshot({ path: join(ARTIFACTS, 'e2e-demo-incident.png'), fullPage: true })
    }
    assert.deepEqual(alarms, [])
    await page.close()
  })

  it('hostile source text renders inert', async () => {
    const { page, alarms } = await newPage()
    await page.goto(`${server.url}/incidents/inc_c3`)
    await ready(page)
    const text = (await page.locator('.source-text').first().textContent()) ?? ''
    assert.ok(text.includes('<script>') && text.includes('onerror=') && text.includes('javascript:'), 'shown as text')
    assert.equal(await page.locator('.source-text script, .source-text img, .source-text a').count(), 0)
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0)
    await page.waitForTimeout(300)
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined)
    assert.deepEqual(alarms, [])
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-hostile.png'), fullPage: true })
    await page.close()
  })

  it('the viewer role cannot see a victim\'s name; an analyst can', async () => {
    const { page } = await newPage()
    await page.goto(`${server.url}/incidents/inc_a1`)
    await ready(page)
    const body = (await page.locator('body').textContent()) ?? ''
    assert.ok(!body.includes(VICTIM) && !body.includes('Haddoush'), 'anonymous viewer')
    await page.goto(`${server.url}/login?next=/incidents/inc_a1`)
    await page.fill('input[name=name]', 'viewer1')
    await page.fill('input[name=password]', fx.passwords.viewer)
    await page.click('form.login button[type=submit]')
    await page.waitForURL(/\/incidents\/inc_a1$/)
    await ready(page)
    assert.ok(!((await page.locator('body').textContent()) ?? '').includes('Haddoush'), 'logged-in viewer')
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-viewer-redacted.png'), fullPage: true })
    await page.context().clearCookies()
    await page.goto(`${server.url}/login?next=/incidents/inc_a1`)
    await page.fill('input[name=name]', 'analyst1')
    await page.fill('input[name=password]', fx.passwords.analyst)
    await page.click('form.login button[type=submit]')
    await page.waitForURL(/\/incidents\/inc_a1$/)
    await ready(page)
    assert.ok(((await page.locator('.source-text').first().textContent()) ?? '').includes(VICTIM), 'analyst sees the name')
    await page.close()
  })

  it('a reviewer accepts a report from the review queue', async () => {
    const { page } = await newPage()
    await page.goto(`${server.url}/review`)
    await ready(page).catch(() => undefined)
    assert.ok(((await page.locator('main').textContent()) ?? '').includes('for analysts'))
    await page.goto(`${server.url}/login?next=/review`)
    await page.fill('input[name=name]', 'analyst1')
    await page.fill('input[name=password]', fx.passwords.analyst)
    await page.click('form.login button[type=submit]')
    await page.waitForURL(/\/review$/)
    await ready(page)
    const item = page.locator('.queue-item').first()
    const reportId = (await item.getAttribute('data-report'))!
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-review-queue.png') })
    await item.locator('button.accept').click()
    await page.waitForFunction((id) => !document.querySelector(`.queue-item[data-report="${id}"]`), reportId)
    const q = await getJson<{ reports: { id: string }[] }>('/api/review/queue?limit=500', fx.tokens.analyst)
    assert.ok(!q.reports.some((r) => r.id === reportId))
    const rows = await store.db.selectFrom('reports').select(['status', 'version']).where('id', '=', reportId).executeTakeFirstOrThrow()
    assert.equal(rows.status, 'accepted')
    const audit = await store.db.selectFrom('audit_log').select(['actor', 'action']).where('entity_id', '=', reportId).execute()
    assert.deepEqual(audit.map((a) => [a.actor, a.action]), [['analyst1', 'report.accept']])
    await page.close()
  })
})
