/**
 * The original bytes of a source, read from the workspace's evidence folder. The ingest
 * stage owns the layout (`readOriginal`); this looks where it keeps them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The bytes stored for `sha256`, or null when the evidence folder does not have them. */
export async function readOriginalBytes(home: string, sha256: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null
  const root = join(home, 'evidence')
  const candidates = [join(root, sha256.slice(0, 2), sha256), join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256), join(root, sha256)]
  for (const p of candidates) if (existsSync(p)) return readFileSync(p)
  // Files may carry an extension: look in the shard folder for a name starting with the hash.
  const shard = join(root, sha256.slice(0, 2))
  if (existsSync(shard)) {
    const hit = readdirSync(shard).find((n) => n.startsWith(sha256))
    if (hit) return readFileSync(join(shard, hit))
  }
  return null
}
