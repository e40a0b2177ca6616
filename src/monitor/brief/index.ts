/**
 * The situation brief: what happened in an area over a period, as a monitor would write it.
 * `collectBrief` gathers the data (incidents through the shared filter, totals as ranges,
 * perpetrators, weapons, attacks on protected sites, agreements and their violations, key
 * incidents and numbered sources); the renderers write Markdown, HTML with an SVG map and
 * timeline drawn in Node, and PDF printed by headless Chromium.
 *
 * @example
 * const brief = await renderBrief(store.db, { from: '2018-09-01', to: '2018-10-15', area: 'Idlib', format: 'pdf' })
 * writeFileSync('brief.pdf', brief.body)
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../store/index.ts'
import { collectBrief, type BriefOptions } from './collect-brief.ts'
import { briefFigures, renderBriefHtml, renderBriefMarkdown } from './render-brief.ts'
import { loadBoundaries } from './map-svg.ts'
import { renderPdf } from './render-pdf.ts'

export { collectBrief, tollRank, type BriefData, type BriefIncident, type BriefOptions, type BriefAgreement, type Citation, type GroupCount } from './collect-brief.ts'
export { briefFigures, renderBriefHtml, renderBriefMarkdown, incidentSentence, killedPhrase, type BriefFigures } from './render-brief.ts'
export { renderMapSvg, loadBoundaries, pointRadius, type MapOptions, type MapPoint } from './map-svg.ts'
export { renderTimelineSvg, type TimelineOptions } from './timeline-svg.ts'
export { renderPdf, type PdfOptions } from './render-pdf.ts'

export const BRIEF_FORMATS = ['md', 'html', 'pdf', 'json'] as const
export type BriefFormat = (typeof BRIEF_FORMATS)[number]

export interface RenderedBrief {
  format: BriefFormat
  contentType: string
  body: string | Buffer
  /** for Markdown: the figures, to be written beside it when the brief goes to a file */
  figures?: { map: string; timeline: string }
}

/**
 * Collects and renders a brief in one call (the CLI and the API use this). Markdown links its
 * figures as `<base>-map.svg` / `<base>-timeline.svg` when `figureBase` is given, else leaves
 * them out.
 */
export async function renderBrief(db: Kysely<Database>, options: BriefOptions & { format: BriefFormat; boundariesDir?: string; figureBase?: string; chromium?: string }): Promise<RenderedBrief> {
  const data = await collectBrief(db, options)
  if (options.format === 'json') return { format: 'json', contentType: 'application/json', body: JSON.stringify(data, null, 2) }
  const figures = briefFigures(data, loadBoundaries(options.boundariesDir))
  if (options.format === 'md') {
    const links = options.figureBase ? { map: `${options.figureBase}-map.svg`, timeline: `${options.figureBase}-timeline.svg` } : 'none' as const
    return { format: 'md', contentType: 'text/markdown; charset=utf-8', body: renderBriefMarkdown(data, { figures: links }), figures }
  }
  const html = renderBriefHtml(data, figures)
  if (options.format === 'html') return { format: 'html', contentType: 'text/html; charset=utf-8', body: html }
  return { format: 'pdf', contentType: 'application/pdf', body: await renderPdf(html, options.chromium ? { executablePath: options.chromium } : {}) }
}
