/**
 * Extraction: from a report's text to contract-shaped events with evidence spans.
 * (Being built under issue #4; the pipeline entry point below is its surface.)
 */
import type { Store } from '../store/index.ts'

/** Extracts every given source (default: those without reports) and stores its events as reports. */
export async function extractSources(_store: Store, _sourceIds?: readonly string[]): Promise<{ sources: number; reports: number; failed: { source_id: string; error: string }[] }> {
  return { sources: 0, reports: 0, failed: [] }
}
