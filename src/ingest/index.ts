/**
 * Ingest: originals in, evidence kept. Files, folders, web pages and feeds are read, kept
 * byte-for-byte in the content-addressed evidence store (`<home>/evidence/<aa>/<bb>/<sha256>`,
 * never modified), recorded as sources with how they were obtained (path or URL, HTTP status
 * and headers, retrieval time, tool version), and their text derived into `source_texts` for
 * the extractor. Same bytes twice add nothing; the same URL with new bytes becomes a new
 * version linked to the earlier one. Every input gets a Result; one bad input never stops
 * the others, and nothing is half-written (evidence renamed into place, one transaction
 * holding each source row and its text).
 *
 * @example
 * const store = await openStore({ home })
 * const report = await ingestPaths(store, home, ['demo/idlib-2018'])
 * console.log(report.added.length, report.already.length, report.failed.map((f) => f.error))
 */
export { ingestPaths, type IngestPathsOptions } from './ingest-paths.ts'
export { ingestUrl, type IngestUrlOptions } from './ingest-url.ts'
export { pollFeed, parseFeed, type FeedPoll, type FeedEntry, type ParsedFeed, type PollFeedOptions } from './poll-feed.ts'
export { getSource, listSources, type SourceDetail, type SourceSummary, type SourceFilter } from './source-repository.ts'
export { readOriginal, openOriginal, evidencePath, sha256Of, sweepTemporaries } from './evidence-store.ts'
export { deriveText, mediaTypeForPath, TEXT_CAP_BYTES, type DerivedText, type MediaType, type Deriver } from './derive-text.ts'
export { checkUrl, type FetchLike, type FetchOptions } from './fetch-original.ts'
export { summarise, type IngestReport, type IngestResult, type IngestedSource, type IngestFailure } from './ingest-result.ts'
