/**
 * KML for Google Earth and GIS tools (export only): one Placemark per incident with a
 * point, a time stamp or span, a short description and the fields as ExtendedData.
 */
import type { IncidentView } from '../../domain/index.ts'
import { firstPlace } from './incident-place.ts'

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const range = (r: IncidentView['killed']): string => (r.min === null && r.max === null ? '' : r.min === r.max ? String(r.min) : `${r.min ?? '?'}-${r.max ?? '?'}`)

export function toKml(views: readonly IncidentView[], title = 'Harmwatch incidents'): string {
  const marks = views.map((v) => {
    const p = firstPlace(v)
    const data: [string, string][] = [
      ['id', v.id], ['date', v.date ?? ''], ['date_end', v.date_end ?? ''], ['place', p.name], ['precision', String(p.precision)],
      ['admin1', v.admin1 ?? ''], ['admin2', v.admin2 ?? ''], ['perpetrator', v.perpetrator ?? ''], ['weapon', v.weapon ?? ''],
      ['weapons', v.weapons.join(',')], ['targets', v.targets.join(',')], ['killed', range(v.killed)], ['injured', range(v.injured)],
      ['children_killed', range(v.children_killed)], ['grade', v.grade], ['reported_by', v.reported_by.join('; ')],
    ]
    const when = v.date_end && v.date_end !== v.date
      ? `<TimeSpan><begin>${v.date ?? ''}</begin><end>${v.date_end}</end></TimeSpan>`
      : v.date ? `<TimeStamp><when>${v.date}</when></TimeStamp>` : ''
    const what = v.sub_event_type || (v.weapon && v.weapon !== 'unknown' ? v.weapon.replace(/_/g, ' ') : 'Attack')
    const desc = `${what} at ${p.name || 'an unnamed place'} on ${v.date ?? 'an unknown date'}; killed ${range(v.killed) || 'unknown'}, injured ${range(v.injured) || 'unknown'}; grade ${v.grade}`
    const point = p.lat !== null && p.lon !== null ? `<Point><coordinates>${p.lon},${p.lat},0</coordinates></Point>` : ''
    return `  <Placemark id="${esc(v.id)}">
    <name>${esc(`${v.date ?? ''} ${p.name}`.trim() || v.id)}</name>
    <description>${esc(desc)}</description>
    ${when}
    <ExtendedData>${data.map(([k, val]) => `<Data name="${k}"><value>${esc(val)}</value></Data>`).join('')}</ExtendedData>
    ${point}
  </Placemark>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
  <name>${esc(title)}</name>
${marks.join('\n')}
</Document>
</kml>
`
}
