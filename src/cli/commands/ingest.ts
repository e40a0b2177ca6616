import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { openStore, type Store } from '../../store/index.ts'
import { ingestPaths, ingestUrl, pollFeed, summarise, sweepTemporaries, type IngestReport, type IngestResult } from '../../ingest/index.ts'
import { runPipeline, type PipelineResult } from '../../pipeline.ts'
import { errorMessage } from '../../domain/index.ts'
import { UsageError, type Command, type Io } from '../command.ts'

const USAGE = `harmwatch ingest PATH... [--published YYYY-MM-DD] [--json]
harmwatch ingest --url URL [--url URL...] [--published YYYY-MM-DD] [--json]
harmwatch ingest --feed URL [--feed URL...] [--every 15m] [--json]

Keeps each original byte-for-byte in the evidence folder (content-addressed by SHA-256),
records how it was obtained and derives its text; then extracts and resolves what was added.
Files and folders (recursive): .txt .md .html .htm .pdf (in folders, hidden files and
README/LICENSE files are skipped). Markdown and text files may carry
YAML front matter (outlet, published, url, title).

  --published D    publication date of the files and pages given (over what they say)
  --url URL        fetch one page (http/https; redirects followed, at most 5)
  --feed URL       RSS or Atom: ingest entries not seen before
  --every DUR      with --feed: poll again every DUR (30s, 15m, 1h) until Ctrl-C
  --no-pipeline    only ingest; do not extract and resolve now
  --json           print {"added": [...], "already": [...], "failed": [...], "pipeline": {...}}

Exit status: 0 when every input went in (or was already kept), 1 when any failed
(the others are still ingested), 2 on a usage error.`

function parseEvery(s: string): number {
  const m = /^(\d+)\s*(s|m|h)$/.exec(s.trim())
  if (!m) throw new UsageError(`--every "${s}": expected a duration like 30s, 15m or 1h`)
  const ms = Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h']
  if (ms < 1000) throw new UsageError(`--every "${s}": must be at least 1s`)
  return ms
}

function checkDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const t = Date.parse(`${s}T00:00:00Z`)
  if (!m || !Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== s) throw new UsageError(`--published "${s}": expected a date YYYY-MM-DD`)
  return s
}

/** One line per input when piped; a progress bar on a terminal (failures still get their line). */
function reporter(io: Io, json: boolean) {
  let bar: cliProgress.SingleBar | null = null
  let total = 0
  let done = 0
  return {
    start(n: number) {
      total = n
      done = 0
      if (io.isTty && !json && n > 1) {
        bar = new cliProgress.SingleBar({ format: 'ingest [{bar}] {value}/{total} {percentage}% | {eta_formatted} left', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
        bar.start(n, 0)
      }
    },
    item(r: IngestResult) {
      done++
      if (!r.ok) {
        // The error line goes above the bar: stop, print, redraw.
        bar?.stop()
        io.err(r.error.error)
        bar?.start(total, done - 1)
      } else if (!json && !bar) {
        io.out(`${r.value.status === 'added' ? 'added  ' : 'already'}  ${r.value.source_id}  ${r.value.input}`)
      }
      bar?.increment()
    },
    stop() { bar?.stop(); bar = null },
  }
}

function merge(into: IngestReport, more: IngestReport): void {
  into.added.push(...more.added)
  into.already.push(...more.already)
  into.failed.push(...more.failed)
  into.results.push(...more.results)
}

async function pipeline(store: Store, report: IngestReport, io: Io, json: boolean): Promise<PipelineResult | { error: string } | null> {
  const ids = report.added.map((a) => a.source_id)
  if (ids.length === 0) return null
  try {
    const p = await runPipeline(store, ids)
    for (const f of p.failed) io.err(`Cannot extract source ${f.source_id}: ${f.error}`)
    if (!json) io.out(`Pipeline: ${p.sources} source(s) extracted, ${p.reports} report(s), ${p.incidents} incident(s) updated${p.failed.length ? `, ${p.failed.length} failed` : ''}`)
    return p
  } catch (e) {
    io.err(`harmwatch ingest: pipeline failed after ingest: ${errorMessage(e)}`)
    return { error: errorMessage(e) }
  }
}

function summary(r: IngestReport): string {
  const n = r.added.length + r.already.length + r.failed.length
  return `Ingested ${n} input(s): ${r.added.length} added, ${r.already.length} already kept, ${r.failed.length} failed`
}

export const command: Command = {
  name: 'ingest',
  summary: 'keep files, web pages and feed entries as evidence and derive their text',
  usage: USAGE,
  async run(argv, { config, io }) {
    let parsed
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          url: { type: 'string', multiple: true },
          feed: { type: 'string', multiple: true },
          every: { type: 'string' },
          published: { type: 'string' },
          json: { type: 'boolean' },
          'no-pipeline': { type: 'boolean' },
        },
      })
    } catch (e) {
      throw new UsageError(errorMessage(e))
    }
    const { values, positionals } = parsed
    const urls = values.url ?? []
    const feeds = values.feed ?? []
    if (positionals.length === 0 && urls.length === 0 && feeds.length === 0) throw new UsageError('nothing to ingest: give PATH..., --url URL or --feed URL')
    if (values.every !== undefined && feeds.length === 0) throw new UsageError('--every needs --feed')
    const every = values.every !== undefined ? parseEvery(values.every) : null
    const published = values.published !== undefined ? checkDate(values.published) : undefined
    const json = values.json ?? false

    mkdirSync(join(config.home, 'evidence'), { recursive: true })
    await sweepTemporaries(config.home)
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    const stopping = new AbortController()
    const onSigint = () => stopping.abort()
    try {
      const report: IngestReport = { added: [], already: [], failed: [], results: [] }
      const out = reporter(io, json)
      if (positionals.length) {
        merge(report, await ingestPaths(store, config.home, positionals, { published, onListed: (n) => out.start(n), onProgress: (_d, _t, r) => out.item(r) }))
        out.stop()
      }
      for (const url of urls) {
        const r = await ingestUrl(store, config.home, url, { published })
        out.item(r)
        merge(report, summarise([r]))
      }
      const pollAll = async (): Promise<IngestReport> => {
        const round: IngestReport = { added: [], already: [], failed: [], results: [] }
        for (const feed of feeds) {
          const poll = await pollFeed(store, config.home, feed, { signal: stopping.signal, onProgress: (r) => out.item(r) })
          // Ctrl-C during a poll is not the feed's failure: what was not kept is fetched next time
          if (stopping.signal.aborted) break
          if (!poll.ok) {
            io.err(poll.error)
            round.failed.push({ input: feed, error: poll.error })
            continue
          }
          merge(round, poll.value)
          if (!json) io.out(`Feed ${feed}: ${poll.value.status === 304 ? 'unchanged' : `${poll.value.added.length} new, ${poll.value.seen} seen before, ${poll.value.failed.length} failed`}`)
        }
        return round
      }
      if (feeds.length) merge(report, await pollAll())
      const skipPipeline = values['no-pipeline'] ?? false
      let pipe = skipPipeline ? null : await pipeline(store, report, io, json)

      if (every !== null) {
        // Long-running: each round prints its own summary; Ctrl-C ends the wait cleanly.
        process.once('SIGINT', onSigint)
        if (!json) io.out(`${summary(report)}\nPolling every ${values.every} (Ctrl-C to stop)`)
        else io.out(JSON.stringify({ added: report.added, already: report.already, failed: report.failed, pipeline: pipe }))
        while (!stopping.signal.aborted) {
          await new Promise<void>((resolve) => {
            const onAbort = () => { clearTimeout(t); resolve() }
            const t = setTimeout(() => { stopping.signal.removeEventListener('abort', onAbort); resolve() }, every)
            stopping.signal.addEventListener('abort', onAbort, { once: true })
          })
          if (stopping.signal.aborted) break
          const round = await pollAll()
          if (stopping.signal.aborted) {
            if (!json) io.out('Interrupted during a poll: entries not yet kept are fetched next time')
            break
          }
          pipe = skipPipeline ? null : await pipeline(store, round, io, json)
          if (json) io.out(JSON.stringify({ added: round.added, already: round.already, failed: round.failed, pipeline: pipe }))
          else io.out(summary(round))
        }
        if (!json) io.out('Stopped polling')
        return 0
      }

      if (json) io.out(JSON.stringify({ added: report.added, already: report.already, failed: report.failed, pipeline: pipe }))
      else io.out(summary(report))
      return report.failed.length > 0 || (pipe !== null && 'error' in pipe) ? 1 : 0
    } finally {
      process.removeListener('SIGINT', onSigint)
      await store.close()
    }
  },
}
