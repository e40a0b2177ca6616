import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { booleanPointInPolygon } from '@turf/turf'
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { WEAPON_COLOUR, WEAPON_LABEL } from './brief-labels.ts'

export interface MapPoint {
  lon: number
  lat: number
  /** the toll that sizes the point (the maximum reported, else the minimum) */
  killed: number
  weapon: string
  /** a key incident's number, drawn beside it */
  label?: string | undefined
  /** attacks on protected sites get a square marker */
  protectedSite?: boolean
  /** inside an agreement zone after it took effect: ringed */
  inZone?: boolean
}

export interface MapOptions {
  points: MapPoint[]
  zones: FeatureCollection<MultiPolygon>[]
  boundaries: FeatureCollection[]
  /** place names to write on the map */
  places?: { name: string; lon: number; lat: number }[]
  width?: number
}

const REPO_BOUNDARIES = fileURLToPath(new URL('../../../data/boundaries/', import.meta.url))

/**
 * Country outlines for the map: every `*.geojson` in `dir`, else in HARMWATCH_BOUNDARIES_DIR,
 * else in the repository's `data/boundaries/`. An empty list (no files) still gives a map.
 */
export function loadBoundaries(dir?: string): FeatureCollection[] {
  const folder = [dir, process.env.HARMWATCH_BOUNDARIES_DIR, REPO_BOUNDARIES].find((d): d is string => Boolean(d) && existsSync(d!))
  if (!folder) return []
  return readdirSync(folder).filter((f) => f.endsWith('.geojson')).sort()
    .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as FeatureCollection)
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const f1 = (n: number) => Math.round(n * 10) / 10

/** The radius of a point for a toll: area proportional to the number killed, with a floor so zero-toll attacks show. */
export function pointRadius(killed: number): number {
  return 3.5 + 2.2 * Math.sqrt(Math.max(0, killed))
}

/**
 * A static map as SVG, drawn without a browser: an equirectangular projection scaled by the
 * cosine of the middle latitude (true to within a few per cent over a few hundred km),
 * country outlines, agreement zones hatched, incidents as circles sized by the number
 * killed and coloured by weapon, a legend and a scale bar.
 */
export function renderMapSvg(options: MapOptions): string {
  const width = options.width ?? 760
  // the view frames the incidents (zones are context and are clipped); zones only when there are no incidents
  const lons: number[] = []
  const lats: number[] = []
  for (const p of options.points) { lons.push(p.lon); lats.push(p.lat) }
  if (lons.length === 0) for (const fc of options.zones) for (const f of fc.features) for (const [x, y] of ringsOf(f.geometry).flat()) { lons.push(x!); lats.push(y!) }
  if (lons.length === 0) { lons.push(36.0, 37.0); lats.push(35.0, 36.0) }
  let [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)]
  const minSpan = 0.6
  if (e - w < minSpan) { const c = (e + w) / 2; w = c - minSpan / 2; e = c + minSpan / 2 }
  if (n - s < minSpan) { const c = (n + s) / 2; s = c - minSpan / 2; n = c + minSpan / 2 }
  const padX = (e - w) * 0.15
  const padY = (n - s) * 0.15
  w -= padX; e += padX; s -= padY; n += padY
  // keep the frame landscape, between 5:4 and 2:1, so it prints at a readable scale
  const kMid = Math.cos(((n + s) / 2) * Math.PI / 180)
  const spanX = (e - w) * kMid
  const spanY = n - s
  if (spanX < spanY * 1.25) { const grow = (spanY * 1.25 - spanX) / kMid / 2; w -= grow; e += grow }
  else if (spanX > spanY * 2) { const grow = (spanX / 2 - spanY) / 2; s -= grow; n += grow }
  const k = Math.cos(((n + s) / 2) * Math.PI / 180)
  const legendH = 64
  const scale = width / ((e - w) * k)
  const mapH = Math.round((n - s) * scale)
  const height = mapH + legendH
  const x = (lon: number) => (lon - w) * k * scale
  const y = (lat: number) => (n - lat) * scale
  const path = (rings: Position[][]) => rings.map((r) => `M${r.map(([lon, lat]) => `${f1(x(lon!))},${f1(y(lat!))}`).join('L')}Z`).join('')

  const out: string[] = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" role="img" aria-label="Map of incidents">`)
  out.push(`<defs><clipPath id="hw-map-clip"><rect x="0" y="0" width="${width}" height="${mapH}"/></clipPath>`)
  out.push(`<pattern id="hw-hatch" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="7" stroke="#2b8cbe" stroke-width="2" stroke-opacity="0.55"/></pattern></defs>`)
  out.push(`<rect x="0" y="0" width="${width}" height="${mapH}" fill="#dfeaf2"/>`)
  out.push(`<g clip-path="url(#hw-map-clip)">`)
  const labels: string[] = []
  for (const [bi, fc] of options.boundaries.entries()) {
    for (const f of fc.features) {
      if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) continue
      // the first file is the country the brief is about; the others are neighbours
      out.push(`<path d="${path(ringsOf(f.geometry as Polygon | MultiPolygon).filter((r) => touches(r, w, s, e, n)))}" fill="${bi === 0 ? '#fbfaf6' : '#ecebe6'}" stroke="#8d8a80" stroke-width="${bi === 0 ? 1.2 : 0.8}"/>`)
      const name = (f.properties as { name?: string } | null)?.name
      const c = labelPoint(f as Feature<Polygon | MultiPolygon>, w, s, e, n)
      if (name && c) labels.push(`<text x="${f1(x(c[0]))}" y="${f1(y(c[1]))}" font-size="13" fill="#8d8a80" letter-spacing="2" text-anchor="middle">${escapeXml(name.toUpperCase())}</text>`)
    }
  }
  out.push(...labels)
  for (const fc of options.zones) {
    for (const f of fc.features) out.push(`<path d="${path(ringsOf(f.geometry))}" fill="url(#hw-hatch)" stroke="#2b8cbe" stroke-width="1" fill-rule="evenodd"/>`)
  }
  // largest first, so small points stay visible on top
  for (const p of [...options.points].sort((a, b) => b.killed - a.killed)) {
    const r = pointRadius(p.killed)
    if (p.inZone) out.push(`<circle cx="${f1(x(p.lon))}" cy="${f1(y(p.lat))}" r="${f1(r + 3.5)}" fill="none" stroke="#08519c" stroke-width="2"/>`)
    const colour = WEAPON_COLOUR[p.weapon] ?? WEAPON_COLOUR.unknown!
    if (p.protectedSite) {
      out.push(`<rect class="hw-incident" x="${f1(x(p.lon) - r)}" y="${f1(y(p.lat) - r)}" width="${f1(2 * r)}" height="${f1(2 * r)}" fill="${colour}" fill-opacity="0.6" stroke="#111" stroke-width="1.2"/>`)
    } else {
      out.push(`<circle class="hw-incident" cx="${f1(x(p.lon))}" cy="${f1(y(p.lat))}" r="${f1(r)}" fill="${colour}" fill-opacity="0.55" stroke="#fff" stroke-width="0.8"/>`)
    }
  }
  // labels last, placed greedily where they do not cover another label or a point
  const taken: Box[] = options.points.map((p) => { const r = pointRadius(p.killed); return [x(p.lon) - r, y(p.lat) - r, x(p.lon) + r, y(p.lat) + r] })
  const numbers = new Map<string, { lon: number; lat: number; r: number; labels: string[] }>()
  for (const p of options.points) {
    if (!p.label) continue
    const key = `${p.lon.toFixed(4)},${p.lat.toFixed(4)}`
    const entry = numbers.get(key) ?? { lon: p.lon, lat: p.lat, r: 0, labels: [] }
    entry.r = Math.max(entry.r, pointRadius(p.killed))
    entry.labels.push(p.label)
    numbers.set(key, entry)
  }
  for (const nb of numbers.values()) {
    const text = nb.labels.join(',')
    const placed = place(x(nb.lon), y(nb.lat), nb.r, text.length * 6.5, 11, taken, width, mapH)
    if (placed) out.push(`<text x="${f1(placed[0])}" y="${f1(placed[1])}" font-size="11" font-weight="bold" fill="#111" stroke="#fff" stroke-width="2.5" paint-order="stroke">${escapeXml(text)}</text>`)
  }
  for (const p of options.places ?? []) {
    const placed = place(x(p.lon), y(p.lat), 4, p.name.length * 5.4, 10, taken, width, mapH)
    if (placed) out.push(`<text x="${f1(placed[0])}" y="${f1(placed[1])}" font-size="10" fill="#333" stroke="#fbfaf6" stroke-width="2.5" paint-order="stroke">${escapeXml(p.name)}</text>`)
  }
  out.push(`</g><rect x="0.5" y="0.5" width="${width - 1}" height="${mapH - 1}" fill="none" stroke="#666"/>`)

  // scale bar: a round number of km about a fifth of the width
  const kmPerPx = ((e - w) * k * 111.32) / width
  const target = (width / 5) * kmPerPx
  const km = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best), 10)
  const barPx = km / kmPerPx
  out.push(`<g transform="translate(${width - barPx - 16},${mapH - 18})"><rect x="-6" y="-14" width="${f1(barPx + 12)}" height="24" fill="#fff" fill-opacity="0.8"/><line x1="0" y1="0" x2="${f1(barPx)}" y2="0" stroke="#111" stroke-width="2"/><line x1="0" y1="-4" x2="0" y2="4" stroke="#111"/><line x1="${f1(barPx)}" y1="-4" x2="${f1(barPx)}" y2="4" stroke="#111"/><text x="${f1(barPx / 2)}" y="-4" font-size="10" text-anchor="middle">${km} km</text></g>`)

  // legend: weapons present, point sizes, zone
  const weapons = [...new Set(options.points.map((p) => p.weapon))]
  let lx = 6
  const ly = mapH + 18
  for (const wpn of weapons) {
    const label = WEAPON_LABEL[wpn] ?? wpn
    out.push(`<circle cx="${lx + 5}" cy="${ly - 4}" r="5" fill="${WEAPON_COLOUR[wpn] ?? '#969696'}" fill-opacity="0.7"/><text x="${lx + 14}" y="${ly}" font-size="11">${escapeXml(label)}</text>`)
    lx += 24 + label.length * 6
  }
  let sx = 6
  const sy = mapH + 48
  out.push(`<text x="${sx}" y="${sy + 4}" font-size="11">Killed:</text>`)
  sx += 44
  for (const v of [0, 5, 20]) {
    const r = pointRadius(v)
    out.push(`<circle cx="${sx + r}" cy="${sy}" r="${f1(r)}" fill="#bbb" fill-opacity="0.6" stroke="#666" stroke-width="0.6"/><text x="${sx + 2 * r + 4}" y="${sy + 4}" font-size="11">${v}</text>`)
    sx += 2 * r + 24
  }
  out.push(`<rect x="${sx + 6}" y="${sy - 6}" width="11" height="11" fill="#fff" stroke="#111"/><text x="${sx + 22}" y="${sy + 4}" font-size="11">protected site</text>`)
  sx += 110
  if (options.zones.some((z) => z.features.length)) {
    out.push(`<rect x="${sx}" y="${sy - 7}" width="18" height="13" fill="url(#hw-hatch)" stroke="#2b8cbe"/><text x="${sx + 24}" y="${sy + 4}" font-size="11">agreement zone</text>`)
    sx += 120
    out.push(`<circle cx="${sx + 7}" cy="${sy}" r="7" fill="none" stroke="#08519c" stroke-width="2"/><text x="${sx + 20}" y="${sy + 4}" font-size="11">in a zone after it took effect</text>`)
  }
  out.push('</svg>')
  return out.join('\n')
}

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat(1)
}

function touches(ring: Position[], w: number, s: number, e: number, n: number): boolean {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [px, py] of ring) { minX = Math.min(minX, px!); maxX = Math.max(maxX, px!); minY = Math.min(minY, py!); maxY = Math.max(maxY, py!) }
  return minX <= e && maxX >= w && minY <= n && maxY >= s
}

/** Where to write a country's name: the middle of the part of it in view (a grid point inside it), or null when little is in view. */
function labelPoint(f: Feature<Polygon | MultiPolygon>, w: number, s: number, e: number, n: number): [number, number] | null {
  const inside: [number, number][] = []
  for (let i = 1; i < 12; i++) {
    for (let j = 1; j < 12; j++) {
      const p: [number, number] = [w + ((e - w) * i) / 12, s + ((n - s) * j) / 12]
      if (booleanPointInPolygon(p, f)) inside.push(p)
    }
  }
  if (inside.length < 6) return null
  const cx = inside.reduce((a, p) => a + p[0], 0) / inside.length
  const cy = inside.reduce((a, p) => a + p[1], 0) / inside.length
  return inside.reduce((best, p) => (Math.hypot(p[0] - cx, p[1] - cy) < Math.hypot(best[0] - cx, best[1] - cy) ? p : best))
}

type Box = [number, number, number, number]

/**
 * A spot for a label of size w x h beside a point (right, left, above, below, then diagonals)
 * that overlaps no taken box and stays inside the map; the chosen box is marked taken.
 * Returns the text's baseline origin, or null when every spot is taken (the label is dropped).
 */
function place(px: number, py: number, r: number, w: number, h: number, taken: Box[], width: number, height: number): [number, number] | null {
  const g = 2
  const spots: Box[] = [
    [px + r + g, py - h / 2, px + r + g + w, py + h / 2],
    [px - r - g - w, py - h / 2, px - r - g, py + h / 2],
    [px - w / 2, py - r - g - h, px + w / 2, py - r - g],
    [px - w / 2, py + r + g, px + w / 2, py + r + g + h],
    [px + r, py - r - h, px + r + w, py - r],
    [px + r, py + r, px + r + w, py + r + h],
    [px - r - w, py - r - h, px - r, py - r],
    [px - r - w, py + r, px - r, py + r + h],
  ]
  for (const b of spots) {
    if (b[0] < 2 || b[1] < 2 || b[2] > width - 2 || b[3] > height - 2) continue
    // the point's own box is always among the taken ones: only other boxes count
    if (taken.some((t) => t[0] < b[2] && t[2] > b[0] && t[1] < b[3] && t[3] > b[1] && !(Math.abs((t[0] + t[2]) / 2 - px) < 0.01 && Math.abs((t[1] + t[3]) / 2 - py) < 0.01))) continue
    taken.push(b)
    return [b[0], b[3] - 2]
  }
  return null
}
