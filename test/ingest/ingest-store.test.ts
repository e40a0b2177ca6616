import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { backends } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import { TOOL_VERSION } from '../../src/config.ts'
import { evidencePath, getSource, ingestPaths, ingestUrl, listSources, pollFeed, readOriginal } from '../../src/ingest/index.ts'
import { makePdf, startServer, tempDir, type Handler } from './_fixtures.ts'

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

async function counts(store: Store) {
  const s = await store.db.selectFrom('sources').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const t = await store.db.selectFrom('source_texts').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return { sources: Number(s.n), texts: Number(t.n) }
}

for (const backend of await backends()) {
  describe(`ingest on ${backend.name}`, () => {
    let store: Store
    let dir: string
    let home: string
    let server: Awaited<ReturnType<typeof startServer>>
    let page = '<html><head><title>Version one</title></head><body><article><p>First account of the strike on the market in Maarrat al-Numan, with two people reported killed by the first count.</p></article></body></html>'
    const feedEntries: string[] = []
    const routes: Record<string, Handler> = {}

    before(async () => {
      store = await backend.open()
      dir = tempDir('ingest')
      home = join(dir, 'home')
      server = await startServer(Object.assign(routes, {
        '/page': (_q, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-served-by': 'test' }); res.end(page) },
        '/moved': (_q, res) => { res.writeHead(301, { location: '/page' }); res.end() },
        '/feed.xml': (_q, res) => {
          res.writeHead(200, { 'content-type': 'application/rss+xml' })
          res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test monitor</title>${feedEntries.join('')}</channel></rss>`)
        },
        '/gone': (_q, res) => { res.writeHead(410); res.end() },
      } satisfies Record<string, Handler>))
      for (let i = 1; i <= 3; i++) {
        feedEntries.push(`<item><title>Entry ${i}</title><link>${server.url(`/entry/${i}`)}</link><guid>e${i}</guid><pubDate>Sat, 0${i} Sep 2018 10:00:00 +0300</pubDate></item>`)
      }
    })
    after(async () => {
      await server.close()
      await backend.dispose(store)
    })

    it('keeps each file byte-for-byte with its provenance and derived text', async () => {
      const folder = join(dir, 'reports')
      mkdirSync(join(folder, 'sub'), { recursive: true })
      const files: Record<string, Buffer> = {
        'a.txt': Buffer.from('Rescuers said a strike hit the edge of Khan Shaykhun at dawn.'),
        'b.md': Buffer.from('---\noutlet: SNHR\npublished: 2018-09-05\ntitle: Daily toll\n---\nSix civilians were killed in **Idlib** governorate.\n'),
        'sub/c.html': Buffer.from('<html><head><meta property="article:published_time" content="2018-09-07"><meta property="og:site_name" content="Local Media"></head><body><article><p>Residents of Hbit said artillery shells fell on homes near the school for most of the afternoon.</p></article></body></html>'),
        'sub/d.pdf': makePdf(['Bulletin: one person was injured in Kafr Zita.'], { creationDate: 'D:20180909' }),
        'sub/notes.jpg': Buffer.from([0xff, 0xd8, 0xff]),
      }
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes)
      const report = await ingestPaths(store, home, [folder])
      assert.deepEqual(report.failed, [])
      assert.equal(report.added.length, 4, 'the .jpg is passed over inside a folder')
      for (const a of report.added) {
        const original = files[a.input.slice(folder.length + 1)]!
        assert.equal(a.sha256, sha(original))
        assert.deepEqual(readFileSync(evidencePath(home, a.sha256)), original)
        const back = await readOriginal(home, a.sha256)
        assert.ok(back.ok && back.value.equals(original))
      }
      const md = await getSource(store.db, report.added.find((a) => a.input.endsWith('b.md'))!.source_id)
      assert.ok(md)
      assert.equal(md.media_type, 'text/markdown')
      assert.equal(md.byte_size, files['b.md']!.length)
      assert.equal(md.origin_kind, 'file')
      assert.equal(md.origin, join(folder, 'b.md'))
      assert.equal(md.tool_version, TOOL_VERSION)
      assert.equal(md.outlet, 'SNHR')
      assert.equal(md.published, '2018-09-05')
      assert.equal(md.title, 'Daily toll')
      assert.ok(Math.abs(Date.parse(md.retrieved_at) - Date.now()) < 60_000)
      assert.deepEqual(md.text, { text: 'Six civilians were killed in Idlib governorate.', deriver: 'markdown', truncated: false, lang: 'en' })
      const html = await getSource(store.db, report.added.find((a) => a.input.endsWith('c.html'))!.sha256)
      assert.equal(html?.published, '2018-09-07')
      assert.equal(html?.outlet, 'Local Media')
      const pdf = await getSource(store.db, report.added.find((a) => a.input.endsWith('d.pdf'))!.source_id)
      assert.equal(pdf?.published, '2018-09-09')
      assert.equal(pdf?.text?.text, 'Bulletin: one person was injured in Kafr Zita.')
    })

    it('reports the same bytes as already kept and adds nothing, under any name', async () => {
      const before = await counts(store)
      const copy = join(dir, 'copy-of-a.txt')
      writeFileSync(copy, 'Rescuers said a strike hit the edge of Khan Shaykhun at dawn.')
      const again = await ingestPaths(store, home, [join(dir, 'reports'), copy])
      assert.equal(again.added.length, 0)
      assert.equal(again.already.length, 5)
      assert.deepEqual(again.failed, [])
      assert.deepEqual(await counts(store), before)
    })

    it('lets --published override what a file says', async () => {
      const f = join(dir, 'dated.md')
      writeFileSync(f, '---\npublished: 2018-09-01\n---\nA statement about shelling near Saraqib.\n')
      const r = await ingestPaths(store, home, [f], { published: '2018-09-02' })
      const s = await getSource(store.db, r.added[0]!.source_id)
      assert.equal(s?.published, '2018-09-02')
    })

    it('fetches a URL with its status and headers; new bytes at the same URL become a linked version', async () => {
      const first = await ingestUrl(store, home, server.url('/moved'))
      assert.ok(first.ok, !first.ok ? first.error.error : '')
      assert.equal(first.value.status, 'added')
      const s1 = await getSource(store.db, first.value.source_id)
      assert.equal(s1?.http_status, 200)
      assert.equal(s1?.http_headers?.['x-served-by'], 'test')
      assert.equal(s1?.origin_kind, 'url')
      assert.equal(s1?.url, server.url('/moved'))
      assert.deepEqual(s1?.meta.redirects, [server.url('/page')])
      assert.equal(s1?.outlet, '127.0.0.1')
      assert.equal(s1?.title, 'Version one')

      const same = await ingestUrl(store, home, server.url('/moved'))
      assert.ok(same.ok && same.value.status === 'already' && same.value.source_id === first.value.source_id)

      page = page.replace('two people', 'five people').replace('Version one', 'Version two')
      const second = await ingestUrl(store, home, server.url('/moved'))
      assert.ok(second.ok && second.value.status === 'added')
      assert.equal(second.value.previous_version_id, first.value.source_id)
      const s2 = await getSource(store.db, second.value.source_id)
      assert.equal(s2?.previous_version_id, first.value.source_id)
      assert.match(s2?.text?.text ?? '', /five people/)
      assert.deepEqual((await getSource(store.db, first.value.source_id))?.next_version_ids, [second.value.source_id])
    })

    it('links a file to the earlier source with the same front-matter URL', async () => {
      const f = join(dir, 'statement.md')
      writeFileSync(f, '---\nurl: https://example.org/statement\n---\nFirst draft of the statement on Jisr al-Shughur.\n')
      const one = await ingestPaths(store, home, [f])
      writeFileSync(f, '---\nurl: https://example.org/statement\n---\nCorrected statement on Jisr al-Shughur: four killed.\n')
      const two = await ingestPaths(store, home, [f])
      assert.equal(two.added[0] && (await getSource(store.db, two.added[0].source_id))?.previous_version_id, one.added[0]?.source_id)
    })

    it('lists sources by outlet, date range and full text', async () => {
      const byOutlet = await listSources(store.db, { outlet: 'snhr' })
      assert.deepEqual(byOutlet.map((s) => s.title), ['Daily toll'])
      const september = await listSources(store.db, { from: '2018-09-06', to: '2018-09-08' })
      assert.deepEqual(september.map((s) => s.outlet), ['Local Media'])
      const text = await listSources(store.db, { q: 'injured' })
      assert.deepEqual(text.map((s) => s.media_type), ['application/pdf'])
      assert.equal((await listSources(store.db, { limit: 2 })).length, 2)
    })

    it('polls a feed: entries ingested once, entry content kept when the link fails', async () => {
      feedEntries[0] = feedEntries[0]!.replace(/<link>[^<]*<\/link>/, `<link>${server.url('/gone')}</link><description>Entry one text: a strike on a bakery in Ariha.</description>`)
      const pages: Record<string, string> = {
        '/entry/2': 'Entry two: shelling of al-Tamanah overnight, according to local rescuers who reached the site.',
        '/entry/3': 'Entry three: an air strike near Khan Shaykhun, with no casualties reported yet by the monitors.',
      }
      for (const [path, body] of Object.entries(pages)) {
        routes[path] = (_q, res) => { res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }); res.end(body) }
      }
      const first = await pollFeed(store, home, server.url('/feed.xml'))
      assert.ok(first.ok, !first.ok ? first.error : '')
      assert.equal(first.value.added.length, 3)
      assert.deepEqual(first.value.failed, [])
      const fromContent = await getSource(store.db, first.value.added[0]!.source_id)
      assert.equal(fromContent?.origin_kind, 'feed')
      assert.equal(fromContent?.published, '2018-09-01')
      assert.equal(fromContent?.outlet, 'Test monitor')
      assert.match(String(fromContent?.meta.link_error), /HTTP 410/)
      assert.match(fromContent?.text?.text ?? '', /bakery in Ariha/)
      const linked = await getSource(store.db, first.value.added[1]!.source_id)
      assert.equal(linked?.published, '2018-09-02')
      assert.equal(linked?.title, 'Entry 2')
      assert.equal(linked?.url, server.url('/entry/2'))

      feedEntries.push(`<item><title>Entry 4</title><guid>e4</guid><description>Entry four: only in the feed.</description></item>`)
      const second = await pollFeed(store, home, server.url('/feed.xml'))
      assert.ok(second.ok)
      assert.equal(second.value.seen, 3)
      assert.equal(second.value.added.length, 1)
      const items = await store.db.selectFrom('feed_items').select(['item_key', 'source_id']).where('feed_url', '=', server.url('/feed.xml')).orderBy('item_key').execute()
      assert.deepEqual(items.map((i) => i.item_key), ['e1', 'e2', 'e3', 'e4'])
      assert.ok(items.every((i) => i.source_id !== null))
    })
  })
}

