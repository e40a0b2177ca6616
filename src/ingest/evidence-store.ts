/**
 * The evidence store: every original kept byte-for-byte at `<home>/evidence/<aa>/<bb>/<sha256>`
 * (Berkeley Protocol practice: content-addressed, never modified). A file appears there
 * complete or not at all: it is written to a temporary name in the same file system,
 * fsynced, made read-only, then renamed into place.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { isUtf8 } from 'node:buffer'
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { err, ok, type Result } from '../domain/index.ts'

const SHA256 = /^[0-9a-f]{64}$/

/** Where the original with this SHA-256 lives. */
export function evidencePath(home: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new RangeError(`Cannot locate evidence "${sha256}": not a SHA-256 in lower-case hex`)
  return join(home, 'evidence', sha256.slice(0, 2), sha256.slice(2, 4), sha256)
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

async function present(path: string, size: number): Promise<boolean> {
  // Synchronous on purpose: a cached lookup costs microseconds, and a missing file is the
  // common case, where the async form would build and throw an ENOENT error per original.
  return statSync(path, { throwIfNoEntry: false })?.size === size
}

async function syncDir(dir: string): Promise<void> {
  // A rename is durable once its directory is; some file systems refuse fsync on directories.
  const fh = await open(dir, 'r').catch(() => null)
  if (!fh) return
  try { await fh.sync() } catch { /* not supported here */ } finally { await fh.close() }
}

/** Folders known to exist: one mkdir per folder per process, not one per original. */
const madeDirs = new Set<string>()
async function ensureDir(dir: string): Promise<void> {
  if (madeDirs.has(dir)) return
  await mkdir(dir, { recursive: true })
  madeDirs.add(dir)
}

/** Stores bytes whose SHA-256 is known; a no-op when that original is already there. */
export async function putEvidence(home: string, sha256: string, bytes: Uint8Array): Promise<void> {
  const path = evidencePath(home, sha256)
  if (await present(path, bytes.length)) return
  const dir = dirname(path)
  await ensureDir(dir)
  const tmp = join(dir, `.${sha256.slice(0, 16)}.${randomBytes(6).toString('hex')}.tmp`)
  const fh = await open(tmp, 'wx', 0o444)
  try {
    await fh.writeFile(bytes)
    await fh.sync()
  } catch (e) {
    await fh.close()
    await unlink(tmp).catch(() => undefined)
    throw e
  }
  await fh.close()
  await rename(tmp, path)
  await syncDir(dir)
}

export interface StreamedOriginal {
  sha256: string
  size: number
  /** the first `headBytes` bytes, for text derivation */
  head: Buffer
  /** true when `head` holds the whole original */
  complete: boolean
  /** the fsynced temporary copy, moved into place by `commitStreamed` */
  tmpPath: string
  /** set when `checkText` found the content is not text */
  notText: string | null
}

/**
 * Copies a stream into a temporary evidence file while hashing it, keeping only its head in
 * memory: a 200 MB original costs a few MB of RAM. With `checkText`, every byte is checked
 * for NUL and invalid UTF-8 on the way.
 */
export async function streamToEvidence(
  home: string,
  chunks: AsyncIterable<Uint8Array>,
  options: { headBytes: number; checkText?: boolean; maxBytes?: number },
): Promise<StreamedOriginal> {
  const dir = join(home, 'evidence', '.incoming')
  await mkdir(dir, { recursive: true })
  const tmpPath = join(dir, `${randomBytes(8).toString('hex')}.tmp`)
  const fh = await open(tmpPath, 'wx', 0o444)
  const hash = createHash('sha256')
  const head: Buffer[] = []
  let headSize = 0
  let size = 0
  let notText: string | null = null
  const utf8 = options.checkText ? utf8Checker() : null
  try {
    for await (const chunk of chunks) {
      hash.update(chunk)
      if (notText === null && utf8) {
        const nul = chunk.indexOf(0)
        if (nul >= 0) notText = `binary content (NUL byte at offset ${size + nul})`
        else if (!utf8.push(chunk)) notText = 'not valid UTF-8 text'
      }
      if (headSize < options.headBytes) {
        const part = chunk.subarray(0, options.headBytes - headSize)
        head.push(Buffer.from(part))
        headSize += part.length
      }
      size += chunk.length
      if (options.maxBytes !== undefined && size > options.maxBytes) throw new Error(`larger than ${Math.round(options.maxBytes / 2 ** 20)} MB`)
      await fh.write(chunk)
    }
    if (notText === null && utf8 && !utf8.end()) notText = 'not valid UTF-8 text (ends mid-character)'
    await fh.sync()
    await fh.close()
  } catch (e) {
    await fh.close().catch(() => undefined)
    await unlink(tmpPath).catch(() => undefined)
    throw e
  }
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(head), complete: size <= options.headBytes, tmpPath, notText }
}

function sequenceLength(lead: number): number {
  return lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0
}

/**
 * UTF-8 validation across chunk boundaries without decoding to strings (decoding 200 MB
 * into throwaway strings costs more memory than the copy itself).
 */
function utf8Checker(): { push(chunk: Uint8Array): boolean; end(): boolean } {
  let carry = Buffer.alloc(0)
  return {
    push(chunk) {
      let start = 0
      if (carry.length) {
        const need = sequenceLength(carry[0]!) - carry.length
        if (chunk.length < need) { carry = Buffer.concat([carry, chunk]); return true }
        if (!isUtf8(Buffer.concat([carry, chunk.subarray(0, need)]))) return false
        carry = Buffer.alloc(0)
        start = need
      }
      let end = chunk.length
      let i = end - 1
      while (i >= start && i > end - 4 && ((chunk[i] ?? 0) & 0xc0) === 0x80) i--
      if (i >= start && end - i < sequenceLength(chunk[i]!)) end = i
      if (!isUtf8(chunk.subarray(start, end))) return false
      carry = Buffer.from(chunk.subarray(end))
      return true
    },
    end: () => carry.length === 0,
  }
}

/** Moves a streamed original into place (or drops the copy when that original is already kept). */
export async function commitStreamed(home: string, streamed: StreamedOriginal): Promise<void> {
  const path = evidencePath(home, streamed.sha256)
  if (await present(path, streamed.size)) {
    await unlink(streamed.tmpPath).catch(() => undefined)
    return
  }
  await ensureDir(dirname(path))
  await rename(streamed.tmpPath, path)
  await syncDir(dirname(path))
}

export async function discardStreamed(streamed: StreamedOriginal): Promise<void> {
  await unlink(streamed.tmpPath).catch(() => undefined)
}

/**
 * Removes temporary copies older than `olderThanMs` that a killed ingest left behind (in
 * `.incoming/` and beside the originals). They were never renamed into place, so no source
 * refers to them.
 */
export async function sweepTemporaries(home: string, olderThanMs = 3_600_000): Promise<number> {
  const root = join(home, 'evidence')
  const cutoff = Date.now() - olderThanMs
  let removed = 0
  const sweep = async (dir: string, depth: number): Promise<void> => {
    let entries
    try { entries = await readdir(dir, { withFileTypes: true }) } catch { return }
    for (const e of entries) {
      const path = join(dir, e.name)
      if (e.isDirectory() && depth < 2) await sweep(path, depth + 1)
      else if (e.isFile() && e.name.endsWith('.tmp')) {
        const s = await stat(path).catch(() => null)
        if (s && s.mtimeMs < cutoff && (await unlink(path).then(() => true, () => false))) removed++
      }
    }
  }
  await sweep(root, 0)
  return removed
}

/** Reads an original back, checking it still hashes to its name. */
export async function readOriginal(home: string, sha256: string): Promise<Result<Buffer>> {
  let path: string
  try { path = evidencePath(home, sha256) } catch (e) { return err((e as Error).message) }
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (e) {
    return err(`Cannot read evidence ${sha256}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing from the evidence folder' : (e as Error).message}`)
  }
  if (sha256Of(bytes) !== sha256) return err(`Cannot read evidence ${sha256}: file no longer matches its SHA-256 (altered)`)
  return ok(bytes)
}

/** A stream of an original, for serving large files without holding them in memory (not re-verified). */
export async function openOriginal(home: string, sha256: string): Promise<Result<{ path: string; size: number; stream: () => NodeJS.ReadableStream }>> {
  let path: string
  try { path = evidencePath(home, sha256) } catch (e) { return err((e as Error).message) }
  try {
    const { size } = await stat(path)
    return ok({ path, size, stream: () => createReadStream(path) })
  } catch {
    return err(`Cannot read evidence ${sha256}: missing from the evidence folder`)
  }
}
