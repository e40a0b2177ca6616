/**
 * The timeline: a histogram of incidents per day (SVG) that brushes: drag across days (or
 * click one) to select a date range, which becomes the `from`/`to` filter of the map and list.
 */
const NS = 'http://www.w3.org/2000/svg'

export interface DayCount { day: string; incidents: number }

const DAY_MS = 86_400_000
const toDay = (t: number): string => new Date(t).toISOString().slice(0, 10)
const fromDay = (d: string): number => Date.parse(`${d}T00:00:00Z`)

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v))
  return el
}

export function drawTimeline(host: HTMLElement, counts: DayCount[], selected: { from?: string | undefined; to?: string | undefined }, onBrush: (range: { from: string; to: string } | null) => void): void {
  while (host.firstChild) host.removeChild(host.firstChild)
  const days = counts.filter((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.day))
  if (!days.length) {
    host.textContent = 'No dated incidents for these filters.'
    return
  }
  const first = fromDay(days[0]!.day)
  const last = fromDay(days[days.length - 1]!.day)
  const n = Math.round((last - first) / DAY_MS) + 1
  const byDay = new Map(days.map((d) => [d.day, d.incidents]))
  const max = Math.max(...days.map((d) => d.incidents))
  const width = Math.max(host.clientWidth || 800, 300)
  const height = 110, padL = 28, padR = 8, padT = 8, padB = 22
  const barW = (width - padL - padR) / n
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'timeline-svg', role: 'img', 'aria-label': 'Incidents per day; drag to select dates' })
  const yScale = (v: number): number => ((height - padT - padB) * v) / max
  root.appendChild(svg('line', { x1: padL, x2: width - padR, y1: height - padB, y2: height - padB, class: 'axis' }))
  const maxLabel = svg('text', { x: padL - 4, y: padT + 8, 'text-anchor': 'end', class: 'tick' })
  maxLabel.textContent = String(max)
  root.appendChild(maxLabel)
  const sel = svg('rect', { x: 0, y: padT - 4, width: 0, height: height - padT - padB + 4, class: 'brush', visibility: 'hidden' })
  root.appendChild(sel)
  for (let i = 0; i < n; i++) {
    const day = toDay(first + i * DAY_MS)
    const v = byDay.get(day) ?? 0
    const inSel = selected.from !== undefined && selected.to !== undefined && day >= selected.from && day <= selected.to
    if (v > 0) {
      const bar = svg('rect', { x: padL + i * barW + 0.5, y: height - padB - yScale(v), width: Math.max(barW - 1, 1), height: yScale(v), class: inSel ? 'bar selected' : 'bar', 'data-day': day, 'data-count': v })
      const title = svg('title', {})
      title.textContent = `${day}: ${v} incident${v === 1 ? '' : 's'}`
      bar.appendChild(title)
      root.appendChild(bar)
    }
    const d = new Date(first + i * DAY_MS)
    if (d.getUTCDate() === 1 || i === 0 || (n <= 62 && d.getUTCDay() === 1)) {
      const t = svg('text', { x: padL + i * barW, y: height - 6, class: 'tick' })
      t.textContent = day.slice(5)
      root.appendChild(t)
    }
  }
  const dayAt = (clientX: number): number => {
    const box = root.getBoundingClientRect()
    const x = ((clientX - box.left) * width) / box.width
    return Math.min(n - 1, Math.max(0, Math.floor((x - padL) / barW)))
  }
  const showSel = (a: number, b: number): void => {
    const lo = Math.min(a, b), hi = Math.max(a, b)
    sel.setAttribute('x', String(padL + lo * barW))
    sel.setAttribute('width', String((hi - lo + 1) * barW))
    sel.setAttribute('visibility', 'visible')
  }
  if (selected.from && selected.to) {
    const a = Math.round((fromDay(selected.from) - first) / DAY_MS), b = Math.round((fromDay(selected.to) - first) / DAY_MS)
    if (b >= 0 && a < n) showSel(Math.max(a, 0), Math.min(b, n - 1))
  }
  let start: number | null = null
  root.addEventListener('pointerdown', (e) => {
    start = dayAt(e.clientX)
    root.setPointerCapture(e.pointerId)
    showSel(start, start)
  })
  root.addEventListener('pointermove', (e) => { if (start !== null) showSel(start, dayAt(e.clientX)) })
  root.addEventListener('pointerup', (e) => {
    if (start === null) return
    const end = dayAt(e.clientX)
    const lo = Math.min(start, end), hi = Math.max(start, end)
    start = null
    onBrush({ from: toDay(first + lo * DAY_MS), to: toDay(first + hi * DAY_MS) })
  })
  root.addEventListener('dblclick', () => onBrush(null))
  host.appendChild(root)
}
