import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { freshPglite } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import { getSource, ingestPaths, ingestUrl, pollFeed } from '../../src/ingest/index.ts'
import { command as ingestCommand } from '../../src/cli/commands/ingest.ts'
import { captureIo, makePdf, seedWorkspace, startServer, tempDir } from './_fixtures.ts'

/** Every file under the evidence folder, temporaries included. */
function evidenceFiles(home: string): string[] {
  const root = join(home, 'evidence')
  if (!existsSync(root)) return []
  const out: string[] = []
  const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk(join(d, e.name)) : out.push(join(d, e.name))) }
  walk(root)
  return out
}

describe('bad input', () => {
  let store: Store
  let dir: string
  let home: string
  let server: Awaited<ReturnType<typeof startServer>>

  before(async () => {
    store = await freshPglite()
    dir = tempDir('bad')
    home = join(dir, 'home')
    server = await startServer({
      '/feed-500': (_q, res) => { res.writeHead(500, { 'content-type': 'text/plain' }); res.end('upstream error') },
      '/feed-garbage': (_q, res) => { res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end('\x00\x01 this <is <<not> xml at all &&') },
      '/loop-a': (_q, res) => { res.writeHead(302, { location: '/loop-b' }); res.end() },
      '/loop-b': (_q, res) => { res.writeHead(302, { location: '/loop-a' }); res.end() },
      '/to-file': (_q, res) => { res.writeHead(302, { location: 'file:///etc/passwd' }); res.end() },
      '/image': (_q, res) => { res.writeHead(200, { 'content-type': 'image/png' }); res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47])) },
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/hop/${i}`, (_q: unknown, res: import('node:http').ServerResponse) => { res.writeHead(301, { location: `/hop/${i + 1}` }); res.end() }])),
    })
  })
  after(async () => {
    await server.close()
    await store.close()
  })

  async function one(name: string, bytes: Buffer | string): Promise<string> {
    const path = join(dir, name)
    writeFileSync(path, bytes)
    const r = await ingestPaths(store, home, [path])
    assert.equal(r.added.length + r.already.length, 0, `${name} should not be ingested`)
    assert.equal(r.failed.length, 1)
    const line = r.failed[0]!.error
    assert.ok(line.startsWith(`Cannot ingest "${path}": `), line)
    assert.ok(!line.includes('\n'), 'one line')
    return line
  }

  it('refuses a binary file named .txt', async () => {
    assert.match(await one('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])), /binary content \(NUL byte at offset 8\)/)
    assert.match(await one('latin1.txt', Buffer.from('Ma\xe2arrat al-Nu\xe2man', 'latin1')), /not valid UTF-8 text/)
  })

  it('refuses an empty file and a whitespace-only file', async () => {
    assert.match(await one('empty.md', ''), /empty file$/)
    assert.match(await one('blank.txt', '  \n\n '), /only whitespace$/)
  })

  it('refuses a truncated PDF and a PDF-named file that is not one', async () => {
    const pdf = makePdf(['Complete text of the bulletin.'])
    assert.match(await one('cut.pdf', pdf.subarray(0, Math.floor(pdf.length * 0.6))), /truncated PDF \(no %%EOF marker at the end\)/)
    assert.match(await one('fake.pdf', 'just words'), /not a PDF \(no %PDF- header\)/)
  })

  it('reads an HTML page of 50,000 nested elements without overflowing the stack', async () => {
    const path = join(dir, 'nested.html')
    writeFileSync(path, `<html><head><title>Deep page</title></head><body>${'<div>'.repeat(50_000)}Shelling reported in Kafr Nabl.${'</div>'.repeat(50_000)}</body></html>`)
    const r = await ingestPaths(store, home, [path])
    assert.deepEqual(r.failed, [])
    const s = await getSource(store.db, r.added[0]!.source_id)
    assert.equal(s?.text?.text, 'Shelling reported in Kafr Nabl.')
    assert.equal(s?.text?.deriver, 'html-strip')
    assert.equal(s?.title, 'Deep page')
  })

  it('names a path that does not exist, and a file type it cannot read', async () => {
    const missing = join(dir, 'no-such-report.txt')
    const r = await ingestPaths(store, home, [missing])
    assert.deepEqual(r.failed, [{ input: missing, error: `Cannot ingest "${missing}": no such file or directory` }])
    assert.match(await one('scan.jpg', 'x'), /unsupported file type/)
  })

  it('refuses URLs with file:, javascript: and data: schemes, and redirects to them', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hello']) {
      const r = await ingestUrl(store, home, url)
      assert.ok(!r.ok)
      assert.equal(r.error.error, `Cannot ingest "${url}": unsupported URL scheme "${new URL(url).protocol}" (only http: and https:)`)
    }
    const r = await ingestUrl(store, home, server.url('/to-file'))
    assert.ok(!r.ok)
    assert.match(r.error.error, /redirected to file:\/\/\/etc\/passwd: unsupported URL scheme "file:"/)
    const img = await ingestUrl(store, home, server.url('/image'))
    assert.ok(!img.ok)
    assert.match(img.error.error, /unsupported media type "image\/png"/)
  })

  it('names a redirect loop and a redirect chain that is too long', async () => {
    const loop = await ingestUrl(store, home, server.url('/loop-a'))
    assert.ok(!loop.ok)
    assert.equal(loop.error.error, `Cannot ingest "${server.url('/loop-a')}": redirect loop (${server.url('/loop-a')} -> ${server.url('/loop-b')} -> ${server.url('/loop-a')})`)
    const long = await ingestUrl(store, home, server.url('/hop/0'))
    assert.ok(!long.ok)
    assert.match(long.error.error, /too many redirects \(more than 5\)$/)
  })

  it('reports a feed that answers 500, garbage or a redirect loop, and remembers the error', async () => {
    const cases: [string, RegExp][] = [
      ['/feed-500', /: HTTP 500 Internal Server Error$/],
      ['/feed-garbage', /: not an RSS or Atom feed \(malformed XML: .+\)$/],
      ['/loop-a', /: redirect loop \(.+\)$/],
    ]
    for (const [path, reason] of cases) {
      const r = await pollFeed(store, home, server.url(path))
      assert.ok(!r.ok)
      assert.ok(r.error.startsWith(`Cannot poll feed "${server.url(path)}"`), r.error)
      assert.match(r.error, reason)
      assert.ok(!r.error.includes('\n'))
    }
    const row = await store.db.selectFrom('feeds').select(['last_status', 'last_error']).where('url', '=', server.url('/feed-500')).executeTakeFirstOrThrow()
    assert.equal(row.last_status, 500)
    assert.match(row.last_error ?? '', /HTTP 500/)
  })

  it('left nothing half-written: every source has its text and its evidence, no temporary files', async () => {
    const sources = await store.db.selectFrom('sources').leftJoin('source_texts', 'source_texts.source_id', 'sources.id').select(['sources.sha256', 'source_texts.source_id as text_id']).execute()
    assert.ok(sources.every((s) => s.text_id !== null))
    const files = evidenceFiles(home)
    assert.deepEqual(files.filter((f) => f.endsWith('.tmp')), [])
    assert.deepEqual(files.map((f) => f.split('/').pop()).sort(), sources.map((s) => s.sha256).sort())
  })

  it('ingests the rest of a folder with one bad file, exits 1 and says so in one summary', async () => {
    const folder = join(dir, 'mixed')
    mkdirSync(folder)
    writeFileSync(join(folder, '1-good.txt'), 'Civil defence teams pulled two survivors from a house in Ariha.')
    writeFileSync(join(folder, '2-bad.pdf'), makePdf(['Never read.']).subarray(0, 200))
    writeFileSync(join(folder, '3-good.md'), '---\noutlet: Local council\n---\nThe council said water pumping stopped after the strike.\n')
    const cliHome = join(dir, 'cli-home')
    await seedWorkspace(cliHome)
    const config = { home: cliHome, databaseUrl: undefined, databaseSchema: undefined }
    const io = captureIo()
    const code = await ingestCommand.run([folder], { config, io })
    assert.equal(code, 1)
    assert.deepEqual(io.stderr, [`Cannot ingest "${join(folder, '2-bad.pdf')}": truncated PDF (no %%EOF marker at the end)`])
    assert.equal(io.stdout.at(-1), 'Ingested 3 input(s): 2 added, 0 already kept, 1 failed')
    assert.ok(io.stdout.some((l) => /^added {4}src_[0-9a-f]{16} {2}.*1-good\.txt$/.test(l)))

    const json = captureIo()
    assert.equal(await ingestCommand.run([folder, '--json'], { config, io: json }), 1)
    const out = JSON.parse(json.stdout.join('')) as Record<string, unknown[]>
    assert.deepEqual(Object.keys(out), ['added', 'already', 'failed', 'pipeline'])
    assert.deepEqual(out.added, [])
    assert.equal(out.already!.length, 2)
    assert.deepEqual(Object.keys(out.already![0] as object), ['input', 'source_id', 'sha256'])
    assert.deepEqual(out.failed, [{ input: join(folder, '2-bad.pdf'), error: `Cannot ingest "${join(folder, '2-bad.pdf')}": truncated PDF (no %%EOF marker at the end)` }])

    // The CLI's own workspace: two originals, each hashing to its name, nothing temporary.
    const kept = evidenceFiles(cliHome)
    assert.equal(kept.length, 2)
    for (const path of kept) {
      assert.equal(createHash('sha256').update(readFileSync(path)).digest('hex'), path.split('/').pop())
      assert.equal(statSync(path).mode & 0o222, 0, 'evidence is read-only')
    }
  })
})
