/**
 * Ingesting files and folders: folders are walked recursively for .txt .md .html .htm .pdf
 * (hidden files and README/LICENSE files skipped);
 * small files are read, hashed and derived in one read, large ones streamed (hashed while
 * copied into the evidence store, text from their first 10 MB). Commits go in groups with a
 * per-item fallback, and `onProgress` hears of each input only once it is committed.
 */
import { createReadStream } from 'node:fs'
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Store } from '../store/index.ts'
import { errorMessage, type Result } from '../domain/index.ts'
import { mediaTypeForPath, PDF_MAX_BYTES, TEXT_CAP_BYTES, type MediaType } from './derive-text.ts'
import { streamToEvidence, discardStreamed } from './evidence-store.ts'
import { prepareBytes, prepareStreamed, type Provenance } from './_prepare.ts'
import { insertSources, writeOriginals, type OriginKind, type PreparedSource } from './save-sources.ts'
import { failure, summarise, type IngestReport, type IngestResult } from './ingest-result.ts'
import { mapLimit } from './_map-limit.ts'

export interface IngestPathsOptions {
  /** 'YYYY-MM-DD': publication date of every file given, over what the files say */
  published?: string | undefined
  /** @default 'file' */
  originKind?: OriginKind | undefined
  /** called after each input is committed (or has failed), in input order within a group */
  onProgress?: ((done: number, total: number, result: IngestResult) => void) | undefined
  /** called once the inputs are listed */
  onListed?: ((total: number) => void) | undefined
  /** inputs per transaction @default 250 */
  batchSize?: number | undefined
}

/** Files up to this size are read whole; larger ones are streamed. */
const READ_WHOLE_BYTES = 1 * 2 ** 20
/** A folder's own documentation (README, LICENSE) is not a report: skipped when walking, read when named. */
const FOLDER_DOCS = /^(readme|license|licence|changelog)(\.[a-z]+)?$/i
/** A group is committed when its derived text would exceed this much memory. */
const GROUP_BYTES = 32 * 2 ** 20

interface Listed { input: string; path: string; size: number; mediaType: MediaType; mtime: string }
type Listing = Result<Listed, string> & { input: string }

async function list(paths: readonly string[]): Promise<Listing[]> {
  const out: Listing[] = []
  const seenDirs = new Set<string>()
  async function walk(dir: string, shown: string): Promise<void> {
    const real = await realpath(dir)
    if (seenDirs.has(real)) return // a symlink loop
    seenDirs.add(real)
    const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.') && !FOLDER_DOCS.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))
    for (const e of entries) {
      const full = join(dir, e.name)
      const input = join(shown, e.name)
      let s
      try { s = await stat(full) } catch (x) { out.push({ ok: false, error: reason(x), input }); continue }
      if (s.isDirectory()) await walk(full, input)
      else if (s.isFile()) {
        const mediaType = mediaTypeForPath(full)
        // Inside folders, files ingest cannot read (images, notes) are passed over, not failures.
        if (mediaType) out.push({ ok: true, value: { input, path: full, size: s.size, mediaType, mtime: s.mtime.toISOString() }, input })
      }
    }
  }
  for (const p of paths) {
    try {
      const s = await stat(p)
      if (s.isDirectory()) await walk(p, p)
      else if (!s.isFile()) out.push({ ok: false, error: 'not a regular file', input: p })
      else {
        const mediaType = mediaTypeForPath(p)
        if (!mediaType) out.push({ ok: false, error: `unsupported file type (expected .txt, .md, .html, .htm or .pdf)`, input: p })
        else out.push({ ok: true, value: { input: p, path: p, size: s.size, mediaType, mtime: s.mtime.toISOString() }, input: p })
      }
    } catch (e) {
      out.push({ ok: false, error: reason(e), input: p })
    }
  }
  return out
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  return errorMessage(e)
}

/**
 * A small file in one read of the size listed (three system calls; readFile makes five),
 * falling back to readFile when the file changed size since it was listed.
 */
async function readSmall(path: string, size: number): Promise<Buffer> {
  const fh = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(size + 1)
    const { bytesRead } = await fh.read(buffer, 0, size + 1, 0)
    if (bytesRead === size) return buffer.subarray(0, size)
  } finally {
    await fh.close()
  }
  return readFile(path)
}

async function prepareFile(f: Listed, home: string, options: IngestPathsOptions): Promise<Result<PreparedSource>> {
  if (f.size === 0) return { ok: false, error: 'empty file' }
  const provenance: Provenance = {
    origin_kind: options.originKind ?? 'file',
    origin: f.input,
    url: null,
    http_status: null,
    http_headers: null,
    retrieved_at: new Date().toISOString(),
    meta: { file_mtime: f.mtime },
    overrides: { published: options.published ?? null },
  }
  try {
    if (f.size <= READ_WHOLE_BYTES) return await prepareBytes(f.input, await readSmall(f.path, f.size), f.mediaType, provenance)
    const streamed = await streamToEvidence(home, createReadStream(f.path, { highWaterMark: 2 ** 20 }), {
      headBytes: f.mediaType === 'application/pdf' ? PDF_MAX_BYTES : TEXT_CAP_BYTES,
      checkText: f.mediaType === 'text/plain' || f.mediaType === 'text/markdown',
    })
    const prepared = await prepareStreamed(f.input, streamed, f.mediaType, provenance)
    if (!prepared.ok) await discardStreamed(streamed)
    return prepared
  } catch (e) {
    return { ok: false, error: reason(e) }
  }
}

/**
 * Ingests files and folders (recursively) into the store and the evidence folder of `home`.
 * Never throws for a bad input: each gets its Result, and the others go in.
 *
 * @example
 * const report = await ingestPaths(store, config.home, ['demo/idlib-2018'])
 * for (const f of report.failed) console.error(f.error)
 */
export async function ingestPaths(store: Store, home: string, paths: readonly string[], options: IngestPathsOptions = {}): Promise<IngestReport> {
  if (options.published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.published)) {
    throw new RangeError(`Cannot use published date "${options.published}": expected YYYY-MM-DD`)
  }
  const listed = await list(paths)
  options.onListed?.(listed.length)
  const results: IngestResult[] = []
  const batchSize = Math.max(1, options.batchSize ?? 250)
  const report = (r: IngestResult) => {
    results.push(r)
    options.onProgress?.(results.length, listed.length, r)
  }
  // Group N's rows are committed while group N+1 is read and its originals written: the
  // database and the file system work at the same time (evidence still precedes its rows).
  let committing: Promise<void> = Promise.resolve()
  let i = 0
  while (i < listed.length) {
    // A group: up to batchSize inputs, or fewer when their text would take too much memory.
    const group: Listing[] = []
    let bytes = 0
    while (i < listed.length && group.length < batchSize && (group.length === 0 || bytes < GROUP_BYTES)) {
      const l = listed[i++]!
      group.push(l)
      if (l.ok) bytes += Math.min(l.value.size, TEXT_CAP_BYTES) * 2
    }
    const prepared = await mapLimit(group, 8, async (l) => (l.ok ? prepareFile(l.value, home, options) : ({ ok: false, error: l.error } as const)))
    const ready = prepared.flatMap((p) => (p.ok ? [p.value] : []))
    const written = await writeOriginals(home, ready)
    const stored = ready.filter((_, k) => written[k]!.ok)
    await committing
    committing = insertSources(store, stored).then((saved) => {
      let k = 0
      let n = 0
      group.forEach((l, g) => {
        const p = prepared[g]!
        if (!p.ok) return report(failure(l.input, p.error))
        const w = written[k++]!
        if (!w.ok) return report(failure(l.input, w.error))
        const s = saved[n++]!
        report(s.ok ? { ok: true, value: { input: l.input, ...s.value } } : failure(l.input, s.error))
      })
    })
  }
  await committing
  return summarise(results)
}
