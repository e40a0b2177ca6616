/**
 * Fixtures written in the tests themselves: a tiny valid PDF assembled by hand (objects,
 * xref table with real byte offsets, trailer), so no PDF generator is needed.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Io } from '../../src/cli/command.ts'
import { migrationsFingerprint, openPglite } from '../../src/store/index.ts'
import { freshPglite } from '../support/stores.ts'

const pdfString = (s: string) => `(${s.replace(/[\\()]/g, (c) => '\\' + c)})`

/** A one-page PDF whose text layer holds `lines` (Latin-1 only), with optional Info. */
export function makePdf(lines: readonly string[], info: { title?: string; creationDate?: string } = {}): Buffer {
  const content = `BT /F1 12 Tf 14 TL 72 720 Td ${lines.map((l) => `${pdfString(l)} Tj T*`).join(' ')} ET`
  const infoEntries = [info.title ? `/Title ${pdfString(info.title)}` : '', info.creationDate ? `/CreationDate ${pdfString(info.creationDate)}` : ''].join(' ')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< ${infoEntries} >>`,
  ]
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'))
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = Buffer.byteLength(body, 'latin1')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hw-${prefix}-`))
}


export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A local HTTP server on 127.0.0.1, ephemeral port; routes by path, 404 otherwise. */
export async function startServer(routes: Record<string, Handler>): Promise<{ url: (path: string) => string; hits: Map<string, number>; close: () => Promise<void> }> {
  const hits = new Map<string, number>()
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const route = routes[path]
    if (route) route(req, res)
    else { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found') }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}

/** An Io that records what a command prints. */
export function captureIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => { stdout.push(t) }, err: (t) => { stderr.push(t) }, isTty: false, stdin: process.stdin }
}

/**
 * An on-disk workspace whose database is a copy of a migrated template directory: creating
 * one from scratch (PostGIS included) takes tens of seconds on a busy machine, a copy < 1 s.
 */
export async function seedWorkspace(home: string): Promise<void> {
  const cached = join(tmpdir(), 'harmwatch-test-templates', `pglite-dir-${migrationsFingerprint()}`)
  if (!existsSync(cached)) {
    const building = `${cached}.${process.pid}.tmp`
    const template = await freshPglite()
    const dump = await template.dump!()
    await template.close()
    const seeded = await openPglite({ dataDir: building, loadDataDir: dump })
    await seeded.close()
    try { renameSync(building, cached) } catch { rmSync(building, { recursive: true, force: true }) /* another process won */ }
  }
  mkdirSync(home, { recursive: true })
  cpSync(cached, join(home, 'db'), { recursive: true })
}
