/**
 * Ids that are easy to mix up are branded. Sources are content-addressed: their id derives
 * from the SHA-256 of the original bytes, so the same bytes always get the same id.
 */
import { z } from 'zod'
import { randomBytes } from 'node:crypto'

export const SourceId = z.string().regex(/^src_[0-9a-f]{16}$/).brand<'SourceId'>()
export type SourceId = z.infer<typeof SourceId>
export const ReportId = z.string().regex(/^rep_[0-9a-z_]+$/).brand<'ReportId'>()
export type ReportId = z.infer<typeof ReportId>
export const IncidentId = z.string().regex(/^inc_[0-9a-z]+$/).brand<'IncidentId'>()
export type IncidentId = z.infer<typeof IncidentId>

export const sourceIdFor = (sha256: string): SourceId => `src_${sha256.slice(0, 16)}` as SourceId
/** A report is the seq-th event a source claims: stable across re-extraction of the same source. */
export const reportIdFor = (source: SourceId | string, seq: number): ReportId => `rep_${source.slice(4)}_${seq}` as ReportId
export const newIncidentId = (): IncidentId => `inc_${randomBytes(8).toString('hex')}` as IncidentId
