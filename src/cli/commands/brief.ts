import { writeFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { BRIEF_FORMATS, renderBrief, type BriefFormat } from '../../monitor/brief/index.ts'
import { IsoDate } from '../../domain/index.ts'
import { UsageError, type Command } from '../command.ts'

export const command: Command = {
  name: 'brief',
  summary: 'write a situation brief for a period and area (md, html, pdf)',
  usage: `harmwatch brief --from DATE --to DATE [--area NAME] [--format md|html|pdf|json] [--title TEXT] [-o FILE]

Writes a situation brief: totals with ranges, perpetrators and weapons, attacks on protected
sites, agreements in force with their deadlines and violations, the key incidents with their
sources cited, a map and a timeline. The format defaults to the extension of -o, else md.
Markdown written to a file gets its map and timeline as FILE-map.svg and FILE-timeline.svg
beside it; HTML embeds them; PDF is printed by headless Chromium (HARMWATCH_CHROMIUM,
default /usr/bin/chromium). Without -o, md/html/json go to stdout; pdf needs -o.

  harmwatch brief --from 2018-09-01 --to 2018-10-15 --area Idlib --format pdf -o brief.pdf`,
  async run(argv, { config, io }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' }, to: { type: 'string' }, area: { type: 'string' }, format: { type: 'string' },
        title: { type: 'string' }, output: { type: 'string', short: 'o' },
      },
    })
    for (const k of ['from', 'to'] as const) {
      if (!values[k]) throw new UsageError(`--${k} is required`)
      if (!IsoDate.safeParse(values[k]).success) throw new UsageError(`--${k} "${values[k]}" is not a date (expected YYYY-MM-DD)`)
    }
    if (values.from! > values.to!) throw new UsageError(`--from ${values.from} is after --to ${values.to}`)
    const fromExt = values.output ? extname(values.output).slice(1).toLowerCase() : ''
    const format = (values.format ?? ((BRIEF_FORMATS as readonly string[]).includes(fromExt) ? fromExt : 'md')) as BriefFormat
    if (!(BRIEF_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${values.format}" is not one of ${BRIEF_FORMATS.join(', ')}`)
    if (format === 'pdf' && !values.output) throw new UsageError('a PDF brief needs -o FILE')
    const out = values.output
    const figureBase = out && format === 'md' ? basename(out, extname(out)) : undefined
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      const brief = await renderBrief(store.db, {
        from: values.from!, to: values.to!, area: values.area, title: values.title, format,
        ...(figureBase ? { figureBase } : {}),
      })
      if (!out) { io.out(String(brief.body)); return 0 }
      writeFileSync(out, brief.body)
      const written = [out]
      if (brief.figures && figureBase) {
        for (const [name, svg] of [['map', brief.figures.map], ['timeline', brief.figures.timeline]] as const) {
          const p = join(dirname(out), `${figureBase}-${name}.svg`)
          writeFileSync(p, svg)
          written.push(p)
        }
      }
      io.err(`Wrote ${written.join(', ')}`)
      return 0
    } finally {
      await store.close()
    }
  },
}
