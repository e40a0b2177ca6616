/**
 * What ingest answers, per input and per batch: values, never a thrown batch.
 */
import type { Result } from '../domain/index.ts'

export interface IngestedSource {
  /** the path or URL as given */
  input: string
  status: 'added' | 'already'
  source_id: string
  sha256: string
  previous_version_id: string | null
}

export interface IngestFailure {
  input: string
  /** one line naming the input and the reason: `Cannot ingest "x.pdf": truncated PDF (...)` */
  error: string
}

export type IngestResult = Result<IngestedSource, IngestFailure>

/** The `ingest --json` shape, plus every result in input order. */
export interface IngestReport {
  added: { input: string; source_id: string; sha256: string }[]
  already: { input: string; source_id: string; sha256: string }[]
  failed: IngestFailure[]
  results: IngestResult[]
}

/** Errors are printed and stored as one line: control characters (NUL included) become spaces. */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
}

export function failure(input: string, reason: string): IngestResult {
  return { ok: false, error: { input, error: oneLine(`Cannot ingest "${input}": ${reason}`) } }
}

export function summarise(results: readonly IngestResult[]): IngestReport {
  const report: IngestReport = { added: [], already: [], failed: [], results: [...results] }
  for (const r of results) {
    if (!r.ok) report.failed.push(r.error)
    else report[r.value.status].push({ input: r.value.input, source_id: r.value.source_id, sha256: r.value.sha256 })
  }
  return report
}
