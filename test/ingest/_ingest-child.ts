/**
 * Run by the tests in a child process (node --import tsx):
 *   large HOME FILE        ingest one file into a fresh in-memory store; print RSS figures as JSON
 *   kill  HOME DIR BATCH   ingest DIR into the on-disk store of HOME, printing "ack <id> <sha256>"
 *                          for every input once its transaction has committed
 */
import { freshPglite } from '../support/stores.ts'
import { openStore } from '../../src/store/index.ts'
import { ingestPaths } from '../../src/ingest/index.ts'

const [mode, home, target, batch] = process.argv.slice(2)
if (!home || !target) throw new Error('usage: _ingest-child.ts large|kill HOME PATH [BATCH]')

if (mode === 'large') {
  const store = await freshPglite()
  // Sampled, not maxRSS: loading the database template peaks higher than anything after it.
  const baseline = process.memoryUsage.rss()
  let peak = baseline
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()) }, 5)
  const started = performance.now()
  const report = await ingestPaths(store, home, [target])
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage.rss())
  const text = report.added[0] ? await store.db.selectFrom('source_texts').select(['truncated', 'deriver']).select((eb) => eb.fn('length', ['text']).as('chars')).where('source_id', '=', report.added[0].source_id).executeTakeFirst() : null
  await store.close()
  process.stdout.write(JSON.stringify({ baseline, peak, seconds, report: { added: report.added, failed: report.failed }, text }) + '\n')
} else if (mode === 'kill') {
  const store = await openStore({ home })
  await ingestPaths(store, home, [target], {
    batchSize: Number(batch ?? 25),
    onProgress: (_done, _total, r) => { if (r.ok) process.stdout.write(`ack ${r.value.source_id} ${r.value.sha256}\n`) },
  })
  await store.close()
  process.stdout.write('done\n')
} else {
  throw new Error(`unknown mode ${mode}`)
}
