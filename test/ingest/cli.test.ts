import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { command as ingest } from '../../src/cli/commands/ingest.ts'
import { command as sources } from '../../src/cli/commands/sources.ts'
import { command as show } from '../../src/cli/commands/show.ts'
import { captureIo, seedWorkspace, startServer, tempDir } from './_fixtures.ts'

describe('ingest, sources and show commands', () => {
  const dir = tempDir('cli')
  const config = { home: join(dir, 'home'), databaseUrl: undefined, databaseSchema: undefined }
  const entries: string[] = []
  let server: Awaited<ReturnType<typeof startServer>>

  before(async () => {
    await seedWorkspace(config.home)
    server = await startServer({
      // answers the first poll at once and every later one after a pause, so Ctrl-C can land mid-poll
      '/slow.xml': (_q, res) => {
        const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title></channel></rss>`
        if ((server.hits.get('/slow.xml') ?? 0) <= 1) { res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end(body); return }
        setTimeout(() => { if (!res.destroyed) { res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end(body) } }, 3000)
      },
      '/feed.xml': (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/atom+xml' })
        res.end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom monitor</title>${entries.join('')}</feed>`)
      },
    })
    entries.push('<entry><id>urn:a</id><title>Morning bulletin</title><published>2018-09-12T06:00:00+03:00</published><content type="html">&lt;p&gt;Strikes on the outskirts of Kafr Sajna in the morning.&lt;/p&gt;</content></entry>')
  })
  after(async () => { await server.close() })

  it('keeps polling a feed with --every until SIGINT, ingesting entries as they appear', async () => {
    const io = captureIo()
    const running = ingest.run(['--feed', server.url('/feed.xml'), '--every', '1s'], { config, io })
    const waitFor = async (hits: number) => {
      for (let i = 0; i < 600 && (server.hits.get('/feed.xml') ?? 0) < hits; i++) await new Promise((r) => setTimeout(r, 50))
    }
    await waitFor(1)
    entries.push('<entry><id>urn:b</id><title>Evening bulletin</title><published>2018-09-12T18:00:00+03:00</published><content type="html">&lt;p&gt;Shelling of Kafr Sajna resumed in the evening.&lt;/p&gt;</content></entry>')
    // Ctrl-C once the third round has reported, so every round's summary is there to check
    for (let i = 0; i < 600 && !/0 new, 2 seen before/.test(io.stdout.join('\n')); i++) await new Promise((r) => setTimeout(r, 50))
    process.emit('SIGINT')
    assert.equal(await running, 0)
    const out = io.stdout.join('\n')
    assert.match(out, /Feed .*feed\.xml: 1 new, 0 seen before, 0 failed/)
    assert.match(out, /Feed .*feed\.xml: 1 new, 1 seen before, 0 failed/)
    assert.match(out, /Feed .*feed\.xml: 0 new, 2 seen before, 0 failed/)
    assert.match(out, /Stopped polling$/)
    assert.deepEqual(io.stderr, [])
  })

  it('stops cleanly when Ctrl-C lands in the middle of a poll', async () => {
    const io = captureIo()
    const running = ingest.run(['--feed', server.url('/slow.xml'), '--every', '1s', '--no-pipeline'], { config, io })
    for (let i = 0; i < 600 && (server.hits.get('/slow.xml') ?? 0) < 2; i++) await new Promise((r) => setTimeout(r, 50))
    process.emit('SIGINT')
    assert.equal(await running, 0)
    const out = io.stdout.join('\n')
    assert.match(out, /Interrupted during a poll/)
    assert.match(out, /Stopped polling$/)
    assert.doesNotMatch(out, /1 failed/)
    assert.deepEqual(io.stderr, [])
  })

  it('lists sources with filters and shows one with its text, as text and as JSON', async () => {
    const f = join(dir, 'statement.md')
    writeFileSync(f, '---\noutlet: Local council of Kafr Sajna\npublished: 2018-09-13\n---\nThe council counted three homes destroyed by the shelling.\n')
    const added = captureIo()
    assert.equal(await ingest.run([f, '--json', '--no-pipeline'], { config, io: added }), 0)
    const id = (JSON.parse(added.stdout[0]!) as { added: { source_id: string }[] }).added[0]!.source_id

    const list = captureIo()
    assert.equal(await sources.run(['--json', '--from', '2018-09-12', '--q', 'shelling'], { config, io: list }), 0)
    const rows = JSON.parse(list.stdout[0]!) as { id: string; outlet: string; published: string }[]
    assert.deepEqual(rows.map((r) => [r.outlet, r.published]), [['Local council of Kafr Sajna', '2018-09-13'], ['Atom monitor', '2018-09-12']])
    const byOutlet = captureIo()
    assert.equal(await sources.run(['--outlet', 'council'], { config, io: byOutlet }), 0)
    assert.equal(byOutlet.stdout.length, 2)
    assert.match(byOutlet.stdout[0]!, new RegExp(`^${id}  2018-09-13  Local council of Kafr Sa  `))

    const one = captureIo()
    assert.equal(await show.run([id], { config, io: one }), 0)
    assert.equal(one.stdout.at(-1), 'The council counted three homes destroyed by the shelling.')
    assert.ok(one.stdout.includes(`evidence:     ${join(config.home, 'evidence')}/${id.slice(4, 6)}/${id.slice(6, 8)}/${(JSON.parse(added.stdout[0]!) as { added: { sha256: string }[] }).added[0]!.sha256}`))
    const json = captureIo()
    assert.equal(await show.run([id, '--json'], { config, io: json }), 0)
    const detail = JSON.parse(json.stdout[0]!) as { id: string; text: { text: string; deriver: string }; origin_kind: string }
    assert.equal(detail.id, id)
    assert.equal(detail.text.deriver, 'markdown')
    assert.equal(detail.origin_kind, 'file')

    const missing = captureIo()
    assert.equal(await show.run(['src_0000000000000000'], { config, io: missing }), 1)
    assert.deepEqual(missing.stderr, ['Cannot show source "src_0000000000000000": not found'])
  })

  it('rejects bad flags as usage errors', async () => {
    const io = captureIo()
    await assert.rejects(ingest.run([], { config, io }), /nothing to ingest/)
    await assert.rejects(ingest.run(['x.txt', '--published', '2018-13-01'], { config, io }), /--published "2018-13-01": expected a date YYYY-MM-DD/)
    await assert.rejects(ingest.run(['--feed', 'http://127.0.0.1/x', '--every', 'often'], { config, io }), /expected a duration/)
    await assert.rejects(sources.run(['--limit', '0'], { config, io }), /--limit/)
  })
})
