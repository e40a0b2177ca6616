/**
 * The only place that knows the order of the stages: ingest has stored sources; here each
 * new source is extracted (its events become reports, geocoded), then new reports are
 * resolved into incidents. `harmwatch ingest`, `npm start` and the API call this after
 * ingesting, so the store is always resolved.
 */
import type { Store } from './store/index.ts'
import { extractSources } from './extract/index.ts'
import { resolvePending } from './resolve/index.ts'
import { syncSitesFromIncidents } from './monitor/sites/index.ts'
import { alertCheckpoint, evaluateAlertsSince } from './monitor/alerts/index.ts'

export interface PipelineResult {
  /** sources read by the extractor */
  sources: number
  /** reports (claims) written */
  reports: number
  /** incidents created or updated by resolution */
  incidents: number
  /** one line per source that could not be processed; the rest went on */
  failed: { source_id: string; error: string }[]
  /** protected sites created and incident links added from the incidents' targets */
  sites: { created: number; linked: number }
  /** alert rules that fired and webhook deliveries queued */
  alerts: { fired: number; deliveries: number }
}

/** Extracts the given sources (default: every source without reports), then resolves. */
export async function runPipeline(store: Store, sourceIds?: readonly string[]): Promise<PipelineResult> {
  const extracted = await extractSources(store, sourceIds)
  // resolution reports counts, not ids: the database clock tells which incidents changed
  const since = await alertCheckpoint(store.db)
  const resolved = await resolvePending(store)
  // attacks on schools, hospitals, ... are linked to their site as soon as the incident exists
  const sites = await syncSitesFromIncidents(store.db)
  // saved alert rules fire on new or grown incidents; webhooks go out through the delivery outbox
  const alerts = await evaluateAlertsSince(store.db, { since })
  return { alerts: { fired: alerts.fired, deliveries: alerts.deliveries.length }, sources: extracted.sources, reports: extracted.reports, incidents: resolved.incidents, failed: extracted.failed, sites: { created: sites.created, linked: sites.linked } }
}
