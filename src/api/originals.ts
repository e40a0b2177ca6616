/**
 * The original bytes of a source, through the ingest stage's evidence store (which checks
 * that they still hash to their name).
 */
import { readOriginal } from '../ingest/index.ts'

/** The bytes stored for `sha256`; null when missing, an Error when they no longer match the hash. */
export async function readOriginalBytes(home: string, sha256: string): Promise<Buffer | null | Error> {
  const r = await readOriginal(home, sha256)
  if (r.ok) return r.value
  return /missing/.test(r.error) ? null : new Error(r.error)
}
