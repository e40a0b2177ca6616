import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { getSource, evidencePath, TEXT_CAP_BYTES } from '../../ingest/index.ts'
import { errorMessage } from '../../domain/index.ts'
import { UsageError, type Command } from '../command.ts'

export const command: Command = {
  name: 'show',
  summary: 'show one source: provenance, evidence file and derived text',
  usage: `harmwatch show SOURCE_ID [--json]

Prints a source's metadata (how it was obtained, its SHA-256 and evidence file, versions)
and its derived text. SOURCE_ID is src_... or the full SHA-256.`,
  async run(argv, { config, io }) {
    let parsed
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } })
    } catch (e) {
      throw new UsageError(errorMessage(e))
    }
    const [id, ...extra] = parsed.positionals
    if (!id || extra.length) throw new UsageError('expected exactly one SOURCE_ID')
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      const s = await getSource(store.db, id)
      if (!s) {
        io.err(`Cannot show source "${id}": not found`)
        return 1
      }
      const evidence = evidencePath(config.home, s.sha256)
      if (parsed.values.json) {
        io.out(JSON.stringify({ ...s, evidence_path: evidence }))
        return 0
      }
      const line = (k: string, v: unknown) => { if (v !== null && v !== undefined && v !== '') io.out(`${(k + ':').padEnd(14)}${String(v)}`) }
      line('id', s.id)
      line('title', s.title)
      line('outlet', s.outlet)
      line('published', s.published ?? 'unknown')
      line('media type', `${s.media_type}, ${s.byte_size} bytes`)
      line('sha256', s.sha256)
      line('evidence', evidence)
      line('obtained', `${s.origin_kind} ${s.origin}`)
      line('url', s.url)
      line('http status', s.http_status)
      line('retrieved', `${s.retrieved_at} by ${s.tool_version}`)
      line('previous', s.previous_version_id)
      line('next', s.next_version_ids.join(', '))
      if (s.text) {
        line('text', `${s.text.text.length} characters by ${s.text.deriver}${s.text.truncated ? ' (truncated: from the first ${TEXT_CAP_BYTES / 2 ** 20} MB)' : ''}${s.text.lang ? `, lang ${s.text.lang}` : ''}`)
        io.out('')
        io.out(s.text.text)
      } else io.out('(no derived text)')
      return 0
    } finally {
      await store.close()
    }
  },
}
