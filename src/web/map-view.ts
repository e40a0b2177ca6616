/**
 * The map page: filters (kept in the URL), the MapLibre map drawn entirely offline (bundled
 * boundaries and gazetteer towns, no tiles, no glyphs), incidents clustered and coloured by
 * weapon with a radius of uncertainty for approximate places, the timeline that brushes the
 * map, and the list of the incidents shown.
 */
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { api, type Incident } from './api.ts'
import { h, clear, fmtRange, label } from './dom.ts'
import { drawTimeline } from './timeline.ts'
import { filterQuery, readFilters, writeFilters, type Filters } from './filters.ts'

maplibregl.setWorkerUrl(workerUrl)

export const WEAPON_COLOURS: Record<string, string> = {
  airstrike: '#d7301f', barrel_bomb: '#7a0177', cluster_munition: '#f16913', shelling_artillery: '#2171b5', rocket_missile: '#41ab5d',
  drone: '#8c6d31', chemical: '#e7ba52', ied_car_bomb: '#636363', small_arms: '#17becf', unknown: '#969696',
}
const PERPETRATORS = ['russia', 'syrian_government', 'russia_or_syrian_government', 'us_coalition', 'turkey', 'israel', 'opposition', 'hts', 'isis', 'sdf_ypg', 'unknown']
const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted']
/** Uncertainty radius by ACLED precision: 2 = near a named place, 3 = an admin area's centroid. */
const RADIUS_KM: Record<number, number> = { 2: 5, 3: 15 }

type FC = GeoJSON.FeatureCollection

function circle(lon: number, lat: number, km: number): GeoJSON.Polygon {
  const ring: [number, number][] = []
  for (let i = 0; i <= 48; i++) {
    const a = (i / 48) * 2 * Math.PI
    ring.push([lon + (km / (111.32 * Math.cos((lat * Math.PI) / 180))) * Math.cos(a), lat + (km / 110.57) * Math.sin(a)])
  }
  return { type: 'Polygon', coordinates: [ring] }
}

function style(): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: { boundaries: { type: 'geojson', data: '/api/basemap/boundaries.geojson' } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dfe9f0' } },
      { id: 'land-neighbours', type: 'fill', source: 'boundaries', filter: ['==', ['get', 'focus'], false], paint: { 'fill-color': '#eeeae2' } },
      { id: 'land-focus', type: 'fill', source: 'boundaries', filter: ['==', ['get', 'focus'], true], paint: { 'fill-color': '#fbf9f4' } },
      { id: 'borders', type: 'line', source: 'boundaries', paint: { 'line-color': '#8a8273', 'line-width': ['case', ['==', ['get', 'focus'], true], 1.6, 0.8] } },
    ],
  }
}

let map: maplibregl.Map | null = null
let townMarkers: maplibregl.Marker[] = []

export function disposeMap(): void {
  map?.remove()
  map = null
  townMarkers = []
}

function filterForm(f: Filters, onChange: (f: Filters) => void): HTMLFormElement {
  const sel = (name: keyof Filters, options: string[], title: string) =>
    h('select', { name, 'aria-label': title }, h('option', { value: '' }, `${title}: any`), ...options.map((o) => h('option', { value: o, selected: f[name] === o }, label(o))))
  const form = h('form', { class: 'filters', role: 'search' },
    h('label', {}, 'From ', h('input', { type: 'date', name: 'from', value: f.from ?? '' })),
    h('label', {}, 'To ', h('input', { type: 'date', name: 'to', value: f.to ?? '' })),
    sel('perpetrator', PERPETRATORS, 'Perpetrator'),
    sel('weapon', Object.keys(WEAPON_COLOURS), 'Weapon'),
    sel('grade', GRADES, 'Grade'),
    h('input', { type: 'search', name: 'area', placeholder: 'Area (Idlib, إدلب)', value: f.area ?? '', dir: 'auto', 'aria-label': 'Admin area' }),
    h('input', { type: 'search', name: 'q', placeholder: 'Full text', value: f.q ?? '', dir: 'auto', 'aria-label': 'Full text' }),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'secondary', onclick: () => onChange({}) }, 'Clear'),
  )
  const read = (): Filters => {
    const data = new FormData(form)
    const out: Filters = {}
    for (const k of ['from', 'to', 'perpetrator', 'weapon', 'grade', 'area', 'q'] as const) {
      const v = String(data.get(k) ?? '').trim()
      if (v) out[k] = v
    }
    return out
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); onChange(read()) })
  form.addEventListener('change', (e) => { if ((e.target as HTMLElement).tagName === 'SELECT' || (e.target as HTMLInputElement).type === 'date') onChange(read()) })
  return form
}

function placeName(i: Incident): HTMLElement {
  const p = i.places[0]
  const el = h('span', { class: 'place' }, h('bdi', {}, p?.name ?? 'unknown place'))
  if (p?.name_ar) append2(el, ' · ', h('bdi', { lang: 'ar', dir: 'rtl', class: 'ar' }, p.name_ar))
  return el
}
const append2 = (el: HTMLElement, ...c: (Node | string)[]) => c.forEach((x) => el.append(x))

function listItem(i: Incident, go: (path: string) => void): HTMLElement {
  return h('li', { class: 'incident-item', 'data-id': i.id, 'data-date': i.date ?? '' },
    h('a', { href: `/incidents/${i.id}`, onclick: (e) => { e.preventDefault(); go(`/incidents/${i.id}`) } },
      h('span', { class: 'swatch', style: `background:${WEAPON_COLOURS[i.weapon ?? 'unknown'] ?? '#999'}` }),
      h('time', {}, i.date ?? 'undated'), ' ', placeName(i)),
    h('div', { class: 'meta' }, isAttack(i)
      ? `${label(i.weapon)} · ${label(i.perpetrator)} · killed ${fmtRange(i.killed)} · ${i.grade}`
      // agreements, protests, aid decisions: their type says what they are, not an "unknown" weapon
      : `${i.sub_event_type ?? i.event_type ?? 'event'} · ${i.grade}`))
}

function isAttack(i: Incident): boolean {
  return i.event_type !== 'Strategic developments' && i.event_type !== 'Protests'
}

export async function renderMap(root: HTMLElement, go: (path: string) => void): Promise<void> {
  disposeMap()
  clear(root)
  let filters = readFilters()
  const mapEl = h('div', { id: 'map', class: 'map' })
  const timelineEl = h('div', { id: 'timeline', class: 'timeline' })
  const countEl = h('h2', { id: 'count' }, 'Loading…')
  const listEl = h('ol', { class: 'incident-list' })
  const exportLinks = h('p', { class: 'exports' })
  const status = h('p', { class: 'status', role: 'status' })
  const change = (f: Filters): void => {
    filters = f
    writeFilters(filters)
    formHost.replaceChildren(filterForm(filters, change))
    void refresh()
  }
  const formHost = h('div', {}, filterForm(filters, change))
  root.append(h('section', { class: 'mapview' }, formHost, h('div', { class: 'body' },
    h('div', { class: 'mapcol' }, mapEl, h('div', { class: 'legend' }, ...Object.entries(WEAPON_COLOURS).map(([w, c]) => h('span', {}, h('span', { class: 'swatch', style: `background:${c}` }), label(w))),
      h('span', {}, h('span', { class: 'swatch ring' }), 'approximate place (radius)'),
      h('span', {}, h('span', { class: 'swatch zone' }), 'agreement zone')),
    h('div', { class: 'timeline-head' }, 'Incidents per day — drag to select dates, double-click to reset'), timelineEl, status),
    h('aside', { class: 'list' }, countEl, exportLinks, listEl))))

  const m = new maplibregl.Map({ container: mapEl, style: style(), center: [36.6, 35.7], zoom: 7.2, attributionControl: false, maxZoom: 14 })
  map = m
  ;(window as unknown as { harmwatchMap?: maplibregl.Map }).harmwatchMap = m
  m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
  m.addControl(new maplibregl.AttributionControl({ compact: true, customAttribution: 'Boundaries: Natural Earth · Places: Harmwatch gazetteer' }))
  const loaded = new Promise<void>((resolve) => m.once('load', () => resolve()))

  const empty: FC = { type: 'FeatureCollection', features: [] }
  await loaded
  if (map !== m) return
  // Agreement zones (the monitoring stage's layer), under the incidents.
  m.addSource('zones', { type: 'geojson', data: empty })
  m.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': '#2b8cbe', 'fill-opacity': 0.08 } })
  m.addLayer({ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': '#2b8cbe', 'line-width': 1.2, 'line-dasharray': [4, 2] } })
  void api<FC>('/api/agreements/zones.geojson').then((fc) => {
    if (map === m) (m.getSource('zones') as maplibregl.GeoJSONSource).setData(fc)
  }).catch(() => undefined)
  m.addSource('uncertainty', { type: 'geojson', data: empty })
  m.addSource('incidents', { type: 'geojson', data: empty, cluster: true, clusterRadius: 36, clusterMaxZoom: 11 })
  m.addLayer({ id: 'uncertainty-fill', type: 'fill', source: 'uncertainty', paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.12 } })
  m.addLayer({ id: 'uncertainty-line', type: 'line', source: 'uncertainty', paint: { 'line-color': ['get', 'colour'], 'line-width': 1, 'line-dasharray': [2, 2] } })
  m.addLayer({ id: 'clusters', type: 'circle', source: 'incidents', filter: ['has', 'point_count'],
    paint: { 'circle-color': '#3d3d3d', 'circle-opacity': 0.8, 'circle-radius': ['step', ['get', 'point_count'], 12, 5, 16, 20, 22, 100, 30], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } })
  m.addLayer({ id: 'incident-points', type: 'circle', source: 'incidents', filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': ['match', ['get', 'weapon'], ...Object.entries(WEAPON_COLOURS).flat(), '#969696'] as unknown as maplibregl.ExpressionSpecification,
      'circle-radius': ['interpolate', ['linear'], ['coalesce', ['get', 'killed_max'], 0], 0, 6, 10, 9, 50, 14],
      'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5,
    } })
  m.on('click', 'clusters', (e) => {
    const f = e.features?.[0]
    const id = f?.properties?.cluster_id as number | undefined
    if (f?.geometry.type !== 'Point' || id === undefined) return
    const src = m.getSource('incidents') as maplibregl.GeoJSONSource
    void src.getClusterExpansionZoom(id).then((zoom) => m.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom }))
  })
  m.on('click', 'incident-points', (e) => {
    const f = e.features?.[0]
    if (!f || f.geometry.type !== 'Point') return
    const p = f.properties as Record<string, string | number>
    const body = h('div', { class: 'popup' }, h('strong', {}, String(p.date ?? 'undated')), ' ', h('bdi', {}, String(p.place ?? '')),
      h('div', {}, `${label(String(p.weapon ?? ''))} · killed ${String(p.killed_text ?? '–')}`),
      h('a', { href: `/incidents/${String(p.id)}`, onclick: (ev) => { ev.preventDefault(); go(`/incidents/${String(p.id)}`) } }, 'Open incident and sources'))
    new maplibregl.Popup({ closeButton: true }).setLngLat(f.geometry.coordinates as [number, number]).setDOMContent(body).addTo(m)
  })
  for (const layer of ['clusters', 'incident-points']) {
    m.on('mouseenter', layer, () => { m.getCanvas().style.cursor = 'pointer' })
    m.on('mouseleave', layer, () => { m.getCanvas().style.cursor = '' })
  }
  // Cluster counts as HTML markers: the offline style has no glyphs for text layers.
  const countMarkers = new Map<number, maplibregl.Marker>()
  const updateCounts = (): void => {
    if (!m.getSource('incidents') || !m.isSourceLoaded('incidents')) return
    const seen = new Set<number>()
    for (const f of m.querySourceFeatures('incidents', { filter: ['has', 'point_count'] })) {
      const id = f.properties?.cluster_id as number | undefined
      if (id === undefined || seen.has(id) || f.geometry.type !== 'Point') continue
      seen.add(id)
      if (!countMarkers.has(id)) {
        const el = h('div', { class: 'cluster-count' }, String(f.properties?.point_count ?? ''))
        countMarkers.set(id, new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates as [number, number]).addTo(m))
      }
    }
    for (const [id, mk] of countMarkers) if (!seen.has(id)) { mk.remove(); countMarkers.delete(id) }
  }
  m.on('render', updateCounts)
  void addTownLabels(m)
  m.on('zoomend', () => { for (const mk of townMarkers) mk.getElement().classList.toggle('hidden', m.getZoom() < 7.5 && mk.getElement().dataset.minor === '1') })

  let fitted = false
  async function refresh(): Promise<void> {
    status.textContent = ''
    try {
      const q = filterQuery(filters)
      const [fc, stats] = await Promise.all([
        api<FC & { next_cursor: string | null }>(`/api/incidents.geojson?limit=10000${q ? `&${q}` : ''}`),
        api<{ by_day: { key: string | null; incidents: number }[] }>(`/api/stats?${filterQuery(filters, ['from', 'to'])}`),
      ])
      if (map !== m) return
      const items = fc.features.map((f) => f.properties as unknown as Incident)
      const points: FC = { type: 'FeatureCollection', features: fc.features.filter((f) => f.geometry).map((f) => {
        const i = f.properties as unknown as Incident
        return { type: 'Feature', geometry: f.geometry, properties: { id: i.id, date: i.date, weapon: i.weapon ?? 'unknown', killed_max: i.killed.max, killed_text: fmtRange(i.killed), place: i.places[0]?.name ?? '' } }
      }) }
      const rings: FC = { type: 'FeatureCollection', features: fc.features.flatMap((f) => {
        const i = f.properties as unknown as Incident
        const km = RADIUS_KM[i.precision ?? 1]
        if (!km || f.geometry?.type !== 'Point') return []
        const [lon, lat] = f.geometry.coordinates as [number, number]
        return [{ type: 'Feature' as const, geometry: circle(lon, lat, km), properties: { colour: WEAPON_COLOURS[i.weapon ?? 'unknown'] ?? '#999' } }]
      }) }
      for (const mk of countMarkers.values()) mk.remove()
      countMarkers.clear()
      ;(m.getSource('incidents') as maplibregl.GeoJSONSource).setData(points)
      ;(m.getSource('uncertainty') as maplibregl.GeoJSONSource).setData(rings)
      mapEl.dataset.incidents = String(points.features.length)
      if (!fitted && points.features.length) {
        fitted = true
        const xs = points.features.map((f) => (f.geometry as GeoJSON.Point).coordinates)
        const lons = xs.map((c) => c[0]!), lats = xs.map((c) => c[1]!)
        m.fitBounds([[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]], { padding: 60, maxZoom: 10, duration: 0 })
      }
      countEl.textContent = `${items.length}${fc.next_cursor ? '+' : ''} incident${items.length === 1 ? '' : 's'}`
      listEl.replaceChildren(...items.map((i) => listItem(i, go)))
      const eq = filterQuery(filters)
      const days = stats.by_day.map((d) => d.key).filter((d): d is string => Boolean(d)).sort()
      const period = { from: filters.from ?? days[0], to: filters.to ?? days[days.length - 1] }
      const brief = period.from && period.to ? new URLSearchParams({ from: period.from, to: period.to, ...(filters.area ? { area: filters.area } : {}) }).toString() : null
      exportLinks.replaceChildren('Export: ', ...(['acled', 'ucdp', 'geojson', 'kml', 'hxl'] as const).flatMap((fmt, k) => [k ? ' · ' : '',
        h('a', { href: `/api/export?format=${fmt}${eq ? `&${eq}` : ''}`, download: '' }, { acled: 'ACLED CSV', ucdp: 'UCDP CSV', geojson: 'GeoJSON', kml: 'KML', hxl: 'HXL' }[fmt])]),
      ...(brief ? [h('br', {}), 'Situation brief: ', h('a', { href: `/api/brief?${brief}&format=html`, target: '_blank', rel: 'noopener' }, 'HTML'), ' · ',
        h('a', { href: `/api/brief?${brief}&format=pdf`, download: '' }, 'PDF'), ' · ', h('a', { href: `/api/brief?${brief}&format=md`, download: '' }, 'Markdown')] : []))
      drawTimeline(timelineEl, stats.by_day.filter((d) => d.key).map((d) => ({ day: d.key!, incidents: d.incidents })), { from: filters.from, to: filters.to }, (range) => {
        const next: Filters = { ...filters }
        delete next.from
        delete next.to
        change(range ? { ...next, ...range } : next)
      })
      root.dataset.ready = '1'
    } catch (e) {
      status.textContent = `Cannot load incidents: ${(e as Error).message}`
    }
  }
  await refresh()
}

async function addTownLabels(m: maplibregl.Map): Promise<void> {
  try {
    const { places } = await api<{ places: { id: string; name: string; name_ar: string | null; lat: number; lon: number }[] }>('/api/basemap/places')
    if (map !== m) return
    townMarkers = places.map((p, k) => {
      const el = h('div', { class: 'town', 'data-minor': k >= 40 ? '1' : '0' }, h('bdi', {}, p.name), p.name_ar ? h('bdi', { lang: 'ar', dir: 'rtl', class: 'ar' }, p.name_ar) : null)
      return new maplibregl.Marker({ element: el, anchor: 'left', offset: [4, 0] }).setLngLat([p.lon, p.lat]).addTo(m)
    })
    for (const mk of townMarkers) mk.getElement().classList.toggle('hidden', m.getZoom() < 7.5 && mk.getElement().dataset.minor === '1')
  } catch { /* labels are decoration: the map works without them */ }
}
