/**
 * Resolution: reports (claims) of the same attack become one incident.
 * (Being built under issue #5; the pipeline entry point below is its surface.)
 */
import type { Store } from '../store/index.ts'

/** Resolves every report not yet attached to an incident, incrementally. */
export async function resolvePending(_store: Store): Promise<{ incidents: number }> {
  return { incidents: 0 }
}
