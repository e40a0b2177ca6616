import { PERPETRATOR_COLOUR, PERPETRATOR_LABEL } from './brief-labels.ts'
import { escapeXml } from './map-svg.ts'

export interface TimelineItem {
  date: string
  perpetrator: string
  killed: { min: number | null; max: number | null }
}

export interface TimelineMarker {
  date: string
  label: string
}

export interface TimelineOptions {
  from: string
  to: string
  items: TimelineItem[]
  /** agreement dates: signing, deadlines */
  markers?: TimelineMarker[]
  width?: number
}

function days(from: string, to: string): string[] {
  const out: string[] = []
  const d = new Date(`${from}T00:00:00Z`)
  const end = new Date(`${to}T00:00:00Z`)
  while (d <= end && out.length < 3700) {
    out.push(d.toISOString().slice(0, 10))
    d.setUTCDate(d.getUTCDate() + 1)
  }
  return out
}

const f1 = (n: number) => Math.round(n * 10) / 10

/**
 * Two bar charts on one time axis, as SVG: attacks per day stacked by perpetrator, and people
 * reported killed per day as a range (solid to the minimum, outlined up to the maximum, an
 * open top where no maximum is stated). Incidents spanning days count on their first day.
 */
export function renderTimelineSvg(options: TimelineOptions): string {
  const width = options.width ?? 760
  const axis = days(options.from, options.to)
  const left = 40
  const right = 10
  const panelH = 90
  const gap = 34
  const top = 26
  const markerPad = options.markers?.length ? 24 : 0
  const height = top + markerPad + panelH * 2 + gap + 56
  const bw = (width - left - right) / Math.max(axis.length, 1)
  const index = new Map(axis.map((d, i) => [d, i]))
  const perps = [...new Set(options.items.map((i) => i.perpetrator))]
  const counts = axis.map(() => new Map<string, number>())
  const killed = axis.map(() => ({ min: 0, max: 0 as number | null }))
  for (const it of options.items) {
    const i = index.get(it.date)
    if (i === undefined) continue
    counts[i]!.set(it.perpetrator, (counts[i]!.get(it.perpetrator) ?? 0) + 1)
    const k = killed[i]!
    k.min += it.killed.min ?? 0
    k.max = k.max === null || it.killed.max === null ? null : k.max + it.killed.max
  }
  const maxCount = Math.max(1, ...counts.map((m) => [...m.values()].reduce((a, b) => a + b, 0)))
  const maxKilled = Math.max(1, ...killed.map((k) => Math.max(k.min, k.max ?? 0)))
  const y1 = top + markerPad
  const y2 = y1 + panelH + gap
  const out: string[] = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" role="img" aria-label="Timeline of attacks and deaths by day">`)
  for (const [y0, max] of [[y1, maxCount], [y2, maxKilled]] as const) {
    const step = niceStep(max)
    for (let v = 0; v <= max; v += step) {
      const yy = y0 + panelH - (v / max) * panelH
      out.push(`<line x1="${left}" y1="${f1(yy)}" x2="${width - right}" y2="${f1(yy)}" stroke="#e3e3e3"/><text x="${left - 4}" y="${f1(yy + 3)}" font-size="9" text-anchor="end" fill="#555">${v}</text>`)
    }
    out.push(`<line x1="${left}" y1="${y0 + panelH}" x2="${width - right}" y2="${y0 + panelH}" stroke="#333"/>`)
  }
  for (const [i] of axis.entries()) {
    let acc = 0
    for (const p of perps) {
      const c = counts[i]!.get(p) ?? 0
      if (!c) continue
      const h = (c / maxCount) * panelH
      out.push(`<rect x="${f1(left + i * bw + 0.5)}" y="${f1(y1 + panelH - acc - h)}" width="${f1(Math.max(bw - 1, 1))}" height="${f1(h)}" fill="${PERPETRATOR_COLOUR[p] ?? '#999'}"/>`)
      acc += h
    }
    const k = killed[i]!
    const x = left + i * bw + 0.5
    const bwi = Math.max(bw - 1, 1)
    if (k.min > 0) out.push(`<rect x="${f1(x)}" y="${f1(y2 + panelH - (k.min / maxKilled) * panelH)}" width="${f1(bwi)}" height="${f1((k.min / maxKilled) * panelH)}" fill="#444"/>`)
    if (k.max !== null && k.max > k.min) {
      out.push(`<rect x="${f1(x)}" y="${f1(y2 + panelH - (k.max / maxKilled) * panelH)}" width="${f1(bwi)}" height="${f1(((k.max - k.min) / maxKilled) * panelH)}" fill="none" stroke="#444" stroke-width="0.8"/>`)
    }
    if (k.max === null && (counts[i]!.size > 0)) {
      // no maximum stated: an open arrow above the minimum
      const yy = y2 + panelH - (k.min / maxKilled) * panelH
      out.push(`<path d="M${f1(x + bwi / 2)},${f1(yy - 2)}v-8m-3,3l3,-3l3,3" stroke="#444" fill="none" stroke-width="0.8"/>`)
    }
  }
  // date ticks: every day's first of month and every 7th day from the start
  for (const [i, d] of axis.entries()) {
    // weekly ticks from the start, plus the first of a month unless a weekly tick is close by
    if (!(i % 7 === 0 || (d.endsWith('-01') && i % 7 > 2 && i % 7 < 5))) continue
    const x = left + i * bw + bw / 2
    out.push(`<line x1="${f1(x)}" y1="${y2 + panelH}" x2="${f1(x)}" y2="${y2 + panelH + 4}" stroke="#333"/><text x="${f1(x)}" y="${y2 + panelH + 15}" font-size="9" text-anchor="middle">${Number(d.slice(8))} ${MONTH[Number(d.slice(5, 7)) - 1]}</text>`)
  }
  for (const [mi, m] of (options.markers ?? []).entries()) {
    const i = index.get(m.date)
    if (i === undefined) continue
    const x = left + i * bw + bw / 2
    const row = y1 - 4 - (mi % 2) * 11
    out.push(`<line x1="${f1(x)}" y1="${row - 8}" x2="${f1(x)}" y2="${y2 + panelH}" stroke="#2b8cbe" stroke-dasharray="3,2"/>`)
    const anchor = x > width * 0.7 ? 'end' : 'start'
    out.push(`<text x="${f1(x + (anchor === 'end' ? -3 : 3))}" y="${row}" font-size="9" fill="#1d6a91" text-anchor="${anchor}" stroke="#fff" stroke-width="2.5" paint-order="stroke">${escapeXml(m.label)}</text>`)
  }
  // titles last, haloed, so marker lines do not cross them
  out.push(`<text x="${left}" y="${y1 - markerPad - 6}" font-size="12" font-weight="bold">Attacks per day</text>`)
  out.push(`<text x="${left}" y="${y2 - 10}" font-size="12" font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke">People reported killed per day (solid: at least; outline: up to)</text>`)
  let lx = left
  const ly = height - 12
  for (const p of perps) {
    const label = PERPETRATOR_LABEL[p] ?? p
    out.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${PERPETRATOR_COLOUR[p] ?? '#999'}"/><text x="${lx + 14}" y="${ly}" font-size="10">${escapeXml(label)}</text>`)
    lx += 26 + label.length * 5.2
  }
  out.push('</svg>')
  return out.join('\n')
}

const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function niceStep(max: number): number {
  for (const s of [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]) if (max / s <= 5) return s
  return Math.ceil(max / 5)
}
