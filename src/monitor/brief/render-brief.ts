import { marked } from 'marked'
import type { FeatureCollection } from 'geojson'
import type { IncidentView, Range } from '../../domain/index.ts'
import { formatRange } from '../agreements/index.ts'
import { SITE_KIND_LABEL, isSiteKind, type SiteKind } from '../sites/index.ts'
import { PARTY_LABEL, PERPETRATOR_LABEL, WEAPON_LABEL, capitalise, listPhrase, longDate, numberWord } from './brief-labels.ts'
import type { BriefAgreement, BriefData, BriefIncident, GroupCount } from './collect-brief.ts'
import { tollRank } from './collect-brief.ts'
import { escapeXml, renderMapSvg } from './map-svg.ts'
import { renderTimelineSvg } from './timeline-svg.ts'

export interface BriefFigures {
  map: string
  timeline: string
}

/** The map and the timeline of a brief, as SVG text. */
export function briefFigures(data: BriefData, boundaries: FeatureCollection[]): BriefFigures {
  const keyNo = new Map(data.key.map((k, i) => [k.incident.id, String(i + 1)]))
  const points = data.incidents.flatMap((b) => b.incident.places.slice(0, 1).filter((p) => p.lat !== null && p.lon !== null).map((p) => ({
    lon: p.lon!, lat: p.lat!, killed: tollRank(b.incident.killed), weapon: b.incident.weapon ?? 'unknown',
    label: keyNo.get(b.incident.id), protectedSite: b.incident.targets.some(isSiteKind), inZone: b.in_zone.length > 0,
  })))
  const places = new Map<string, { name: string; lon: number; lat: number }>()
  for (const k of data.key) {
    const p = k.incident.places[0]
    if (p && p.lat !== null && p.lon !== null && !places.has(p.name)) places.set(p.name, { name: p.name, lon: p.lon, lat: p.lat })
  }
  const markers = data.agreements.flatMap((a) => [
    { date: a.agreement.signed, label: `${shortName(a)} signed` },
    ...a.agreement.obligations.filter((o) => o.deadline).map((o) => ({ date: o.deadline!, label: `${o.id.replace(/-/g, ' ')} deadline` })),
  ])
  return {
    map: renderMapSvg({ points, zones: data.agreements.map((a) => a.zones), boundaries, places: [...places.values()] }),
    timeline: renderTimelineSvg({
      from: data.period.from, to: data.period.to, markers,
      items: data.incidents.filter((b) => b.incident.date).map((b) => ({ date: b.incident.date!, perpetrator: b.incident.perpetrator ?? 'unknown', killed: b.incident.killed })),
    }),
  }
}

function shortName(a: BriefAgreement): string {
  return a.agreement.id
}

type Mode = 'md' | 'html'

/** Text from the data, made safe for the output: HTML-escaped for HTML, table pipes escaped for both. */
function txt(s: string, mode: Mode): string {
  const t = (mode === 'html' ? escapeXml(s) : s).replace(mode === 'html' ? /([\\`*_[\]])/g : /([\\`*_[\]<>])/g, '\\$1')
  return t.replace(/\|/g, '\\|').replace(/\n+/g, ' ')
}

function people(n: number): string {
  return n === 1 ? 'one person' : `${numberWord(n)} people`
}

/** "at least five and up to seven people were reported killed", or null when no figure was stated. */
export function killedPhrase(r: Range, verb = 'killed'): string | null {
  if (r.min === null && r.max === null) return null
  if (r.max === 0) return `no one was reported ${verb}`
  const were = (n: number) => (n === 1 ? 'was' : 'were')
  if (r.max === null) return `at least ${people(r.min!)} ${were(r.min!)} reported ${verb}`
  if (r.min === null || r.min === r.max) return `${people(r.max)} ${were(r.max)} reported ${verb}`
  return `at least ${numberWord(r.min)} and up to ${people(r.max)} were reported ${verb}`
}

/** "at least 9 killed", "5-7 killed", "no toll stated". */
function tollShort(r: Range): string {
  if ((r.min === null || r.min === 0) && r.max === null) return 'no toll stated'
  if (r.max === null) return `at least ${numberWord(r.min!)} killed`
  if (r.min === null || r.min === r.max) return `${numberWord(r.max)} killed`
  return `${r.min}-${r.max} killed`
}

function whenPhrase(i: IncidentView): string {
  if (!i.date) return 'On an unknown date'
  if (i.date_end && i.date_end !== i.date) {
    const sameMonth = i.date.slice(0, 7) === i.date_end.slice(0, 7)
    return `Between ${sameMonth ? Number(i.date.slice(8)) : longDate(i.date, false)} and ${longDate(i.date_end, false)}`
  }
  return `On ${longDate(i.date, false)}`
}

/** Weapons written in the singular in prose ("shelling was reported"). */
const SINGULAR_WEAPONS = new Set(['shelling_artillery', 'small_arms'])

/** "airstrikes attributed to Russian forces", with how it joins a verb: "killed by ..." or "killed in an attack ...". */
function byWhom(i: IncidentView): { phrase: string; plural: boolean; prep: 'by' | 'in' } {
  const known = i.weapon !== null && i.weapon !== 'unknown'
  const weapon = known ? WEAPON_LABEL[i.weapon!] ?? i.weapon! : 'an attack'
  const perp = i.perpetrator && i.perpetrator !== 'unknown' ? ` attributed to ${PERPETRATOR_LABEL[i.perpetrator] ?? i.perpetrator}` : ' by an unidentified perpetrator'
  return { phrase: `${weapon}${perp}`, plural: known && !SINGULAR_WEAPONS.has(i.weapon!), prep: known ? 'by' : 'in' }
}

function cite(b: BriefIncident): string {
  return b.cites.length ? ` [${b.cites.join(', ')}]` : ''
}

function reporters(i: IncidentView, mode: Mode): string {
  if (!i.reported_by.length) return ''
  const named = i.reported_by.length > 3 ? [...i.reported_by.slice(0, 3), 'others'] : i.reported_by
  return `, according to ${txt(listPhrase(named), mode)}`
}

function siteNames(b: BriefIncident, mode: Mode): string {
  const place = b.incident.places[0]?.name
  // a registry name made from kind + place reads better as "a school" before "in <place>"
  const named = b.sites.map((s) => {
    const label = SITE_KIND_LABEL[s.kind]
    const generic = new RegExp(`^${label} (in|at) `, 'i').test(s.name)
    return (place && s.name.endsWith(` in ${place}`)) || generic ? `a ${label}` : txt(s.name, mode)
  })
  if (named.length) return listPhrase(named)
  const kinds = b.incident.targets.filter(isSiteKind).map((k) => `a ${SITE_KIND_LABEL[k]}`)
  return listPhrase(kinds)
}

/** One sentence about one incident, in the measured style of a monitoring report. */
export function incidentSentence(b: BriefIncident, mode: Mode): string {
  const i = b.incident
  const place = txt(i.places[0]?.name ?? 'an unknown place', mode)
  const allChildren = i.children_killed.min !== null && i.children_killed.min > 0 && i.killed.max === i.children_killed.min && i.killed.min === i.children_killed.min
  const childCount = i.children_killed.min ?? 0
  const children = childCount && !allChildren
    ? `, ${i.children_killed.max === i.children_killed.min ? '' : 'at least '}${childCount === 1 ? 'one of them a child' : `${numberWord(childCount)} of them children`},`
    : ''
  const killed = killedPhrase(i.killed)
  const injured = killedPhrase(i.injured, 'injured')
  const onSite = i.targets.some(isSiteKind)
  let s: string
  if (onSite) {
    const by = byWhom(i)
    s = `${whenPhrase(i)}, ${siteNames(b, mode)} in ${place} ${Math.max(b.sites.length, i.targets.filter(isSiteKind).length) === 1 ? 'was' : 'were'} reported hit ${by.prep === 'by' ? 'by' : 'in'} ${by.phrase}${reporters(i, mode)}`
    const tolls = [killed, injured].filter(Boolean)
    if (tolls.length) s += `; ${listPhrase(tolls as string[])}`
  } else if (killed && !killed.startsWith('no one')) {
    const withChildren = allChildren
      ? (i.children_killed.min === 1 ? 'a child was reported killed' : `${numberWord(i.children_killed.min!)} children were reported killed`)
      : children ? killed.replace(/ (were|was) reported killed$/, `${children} $1 reported killed`) : killed
    const by = byWhom(i)
    s = `${whenPhrase(i)}, ${withChildren} ${by.prep} ${by.phrase} in ${place}${reporters(i, mode)}`
    if (injured) s += `; ${injured}`
  } else {
    const by = byWhom(i)
    s = `${whenPhrase(i)}, ${by.phrase} ${by.plural ? 'were' : 'was'} reported in ${place}${reporters(i, mode)}`
    s += killed ? `; ${killed}` : '; no toll was given'
    if (injured) s += `, and ${injured}`
  }
  return `${capitalise(s)}${cite(b)}.`
}

/** The chronology of key incidents: one sentence each, "The same day" for a repeated date. */
export function chronology(items: BriefIncident[], mode: Mode): string {
  let last: string | null = null
  return items.map((b) => {
    let s = incidentSentence(b, mode)
    const day = b.incident.date_end && b.incident.date_end !== b.incident.date ? null : b.incident.date
    if (day && day === last) s = s.replace(/^On [^,]+, /, 'The same day, ')
    last = day
    return s
  }).join(' ')
}

/** Known keys first, the unknown last: "no perpetrator was identified" is not a perpetrator. */
function knownFirst(groups: GroupCount[]): GroupCount[] {
  return [...groups.filter((g) => g.key !== 'unknown'), ...groups.filter((g) => g.key === 'unknown')]
}

function perpetratorSentence(all: GroupCount[], total: number): string {
  const groups = knownFirst(all)
  const parts = groups.map((g, n) => {
    if (g.key === 'unknown') return `no perpetrator was identified for ${g.incidents === total ? 'any of them' : numberWord(g.incidents)} (${tollShort(g.killed)})`
    const who = PERPETRATOR_LABEL[g.key] ?? g.key
    const count = g.incidents === total ? 'all of them' : n === 0 ? `${numberWord(g.incidents)} of the attacks` : numberWord(g.incidents)
    return n === 0 ? `${capitalise(who)} were named as responsible for ${count} (${tollShort(g.killed)})` : `${who} for ${count} (${tollShort(g.killed)})`
  })
  return `${capitalise(listPhrase(parts))}.`
}

function weaponSentence(all: GroupCount[]): string {
  const groups = knownFirst(all)
  const parts = groups.map((g, n) => {
    if (g.key === 'unknown') return `${n === 0 ? 'No weapon was identified in' : 'the weapon was not identified in'} ${numberWord(g.incidents)}${n === 0 ? ` attack${g.incidents === 1 ? '' : 's'}` : ''} (${tollShort(g.killed)})`
    const what = WEAPON_LABEL[g.key] ?? g.key
    return n === 0 ? `${capitalise(what)} ${SINGULAR_WEAPONS.has(g.key) ? 'was' : 'were'} reported in ${numberWord(g.incidents)} attack${g.incidents === 1 ? '' : 's'} (${tollShort(g.killed)})` : `${what} in ${numberWord(g.incidents)} (${tollShort(g.killed)})`
  })
  return `${listPhrase(parts)}.`
}

function deadlineSentence(o: BriefAgreement['agreement']['obligations'][number], to: string, mode: Mode): string {
  const what = txt(o.text.slice(0, 1).toLowerCase() + o.text.slice(1), mode)
  const when = o.deadline ? ` by ${longDate(o.deadline)}` : ''
  const state = o.state === 'met' ? 'was recorded as met'
    : o.state === 'missed' ? 'was recorded as missed'
      : o.state === 'unknown' ? 'has an unknown outcome'
        : o.state === 'unknown / overdue' ? `had passed by ${longDate(to)} with no outcome recorded (unknown / overdue)`
          : `was still pending on ${longDate(to)}`
  return `The obligation "${what}"${when} ${state}${o.evidence && (o.state === 'met' || o.state === 'missed' || o.state === 'unknown') ? `: ${txt(o.evidence, mode)}` : '.'}`.replace(/\.\.$/, '.').replace(/([^.])$/, '$1.')
}

function agreementParagraphs(a: BriefAgreement, data: BriefData, mode: Mode): string[] {
  const ag = a.agreement
  const parties = listPhrase(ag.parties.map((p) => PARTY_LABEL[p] ?? capitalise(p)))
  const out = [`On ${longDate(ag.signed)}, ${txt(parties, mode)} signed the ${txt(ag.name, mode)}${ag.effective !== ag.signed ? `, which took effect on ${longDate(ag.effective)}` : ''}. ${ag.summary ? txt(ag.summary, mode) : ''}`.trim()]
  out.push(ag.obligations.map((o) => deadlineSentence(o, data.period.to, mode)).join(' '))
  const v = a.violations
  const zoneStart = ag.zones.map((z) => z.effective).sort()[0] ?? ag.effective
  const start = zoneStart > data.period.from ? zoneStart : data.period.from
  const approx = ag.zones.some((z) => z.approximate) ? ' (the zone as drawn for Harmwatch is approximate)' : ''
  if (start > data.period.to) {
    out.push(`The zone had not taken effect by the end of the period${approx}.`)
  } else if (v.total.incidents === 0) {
    out.push(`No attacks inside the zone were recorded between ${longDate(start)} and ${longDate(data.period.to)}${approx}.`)
  } else {
    const perps = listPhrase(v.by_perpetrator.map((p) => `${numberWord(p.incidents)} attributed to ${PERPETRATOR_LABEL[p.perpetrator] ?? p.perpetrator}`))
    const killed = killedPhrase(v.total.killed)
    const numbers = new Map(data.key.map((k, i) => [k.incident.id, i + 1]))
    const refs = v.incidents.map((i) => numbers.get(i.id)).filter((n) => n !== undefined).map((n) => String(n))
    out.push(`Between ${longDate(start)} and ${longDate(data.period.to)}, ${numberWord(v.total.incidents)} attack${v.total.incidents === 1 ? ' was' : 's were'} recorded inside the zone after it took effect${approx}: ${perps}${killed ? `; in ${v.total.incidents === 1 ? "it" : "them"}, ${killed}` : ''}${refs.length ? ` (key incident${refs.length === 1 ? '' : 's'} ${refs.join(', ')})` : ''}.`)
  }
  return out
}

/** Dates in HTML table cells use non-breaking hyphens, so narrow columns do not split them. */
function cellDate(s: string, mode: Mode): string {
  return mode === 'html' ? s.replace(/-/g, '\u2011') : s
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
}

function sourceLine(c: BriefData['citations'][number], mode: Mode): string {
  const parts = [txt(c.outlet ?? 'Unknown outlet', mode), c.published ? longDate(c.published) : 'undated']
  if (c.title) parts.push(`"${txt(c.title, mode)}"`)
  const url = c.url && /^https?:\/\//.test(c.url) ? c.url : null
  return `${c.n}. ${parts.join(', ')}${url ? `. <${mode === 'html' ? escapeXml(url) : url}>` : ''}`
}

/**
 * The brief as Markdown. `figures` says how the map and timeline appear: as links to SVG files
 * written beside the Markdown, or as placeholders the HTML renderer fills with inline SVG.
 */
export function renderBriefMarkdown(data: BriefData, options: { figures?: { map: string; timeline: string } | 'placeholders' | 'none'; mode?: Mode } = {}): string {
  const mode = options.mode ?? 'md'
  const figures = options.figures ?? 'none'
  const t = data.totals
  const area = data.period.area ? txt(data.period.area, mode) : 'all areas'
  const md: string[] = []
  md.push(`# ${txt(data.title, mode)}`)
  md.push(`*${longDate(data.period.from)} to ${longDate(data.period.to)} · ${area} · ${t.incidents} incidents · generated ${data.generated_at.slice(0, 10)} by Harmwatch*`)

  md.push('## Summary')
  if (t.incidents === 0) {
    md.push(`No attacks were recorded in ${area} between ${longDate(data.period.from)} and ${longDate(data.period.to)}.`)
  } else {
    const killed = killedPhrase(t.killed)
    const children = t.children_killed.min ? `, including at least ${numberWord(t.children_killed.min)} children` : ''
    const injured = t.injured.min ? ` At least ${numberWord(t.injured.min)} people were reported injured.` : ''
    md.push(`Beginning on ${longDate(t.first_date!)}, ${numberWord(t.incidents)} attack${t.incidents === 1 ? ' was' : 's were'} recorded in ${area} on ${numberWord(t.days_with_attacks)} day${t.days_with_attacks === 1 ? '' : 's'} up to ${longDate(data.period.to)}. `
      + `${killed ? `Across them, ${killed.replace(/ were reported killed$/, `${children ? `${children},` : ''} were reported killed`)}` : 'No toll was given for them'}`
      + `${t.killed.max === null && t.killed.min !== null ? ' (no upper figure was given for every attack)' : ''}.${injured}`)
    md.push(`${perpetratorSentence(data.by_perpetrator, t.incidents)} ${weaponSentence(data.by_weapon)}`)
    if (data.key.length) md.push(chronology(data.key, mode))
    if (data.protected.incidents.length) {
      // by kind of site, so an attack that hit a school and a mosque counts under both
      const kinds = listPhrase(data.protected.by_kind.map((k, n) => `${SITE_KIND_LABEL[k.kind]}s (${numberWord(k.incidents)}${n === 0 ? ` attack${k.incidents === 1 ? '' : 's'}` : ''})`))
      const repeat = data.protected.repeat_sites.length ? ` ${listPhrase(data.protected.repeat_sites.map((s) => txt(s, mode)))} ${data.protected.repeat_sites.length === 1 ? 'was' : 'were'} struck more than once on record.` : ''
      md.push(`${capitalise(numberWord(data.protected.incidents.length))} attack${data.protected.incidents.length === 1 ? '' : 's'} hit protected sites: ${kinds}.${repeat}`)
    }
  }
  for (const a of data.agreements) md.push(...agreementParagraphs(a, data, mode))

  md.push('## Figures')
  md.push(table(['', 'incidents', 'killed', 'injured'], [
    ['All attacks', String(t.incidents), formatRange(t.killed), formatRange(t.injured)],
    ...data.by_perpetrator.map((g) => [capitalise(PERPETRATOR_LABEL[g.key] ?? g.key), String(g.incidents), formatRange(g.killed), formatRange(g.injured)]),
  ]))
  md.push(table(['Weapon', 'incidents', 'killed', 'injured'], data.by_weapon.map((g) => [capitalise(WEAPON_LABEL[g.key] ?? g.key), String(g.incidents), formatRange(g.killed), formatRange(g.injured)])))
  md.push('Killed and injured are ranges (lowest-highest reported); "at least" where no upper figure was given. Totals add distinct incidents; reports of one incident are reconciled, never added.')

  if (figures !== 'none') {
    md.push('## Map')
    md.push(figures === 'placeholders' ? '<!--hw-figure:map-->' : `![Map of the incidents](${figures.map})`)
    md.push('Incidents sized by the number reported killed (upper figure) and coloured by weapon; squares are attacks on protected sites; numbers are the key incidents below; hatched areas are agreement zones, and ringed points are incidents inside a zone after it took effect.')
    md.push('## Timeline')
    md.push(figures === 'placeholders' ? '<!--hw-figure:timeline-->' : `![Attacks and deaths by day](${figures.timeline})`)
  }

  md.push('## Key incidents')
  if (data.key.length === 0) md.push('None.')
  else {
    md.push(table(['#', 'date', 'place', 'perpetrator', 'weapon', 'target', 'killed', 'injured', 'sources'], data.key.map((k, n) => {
      const i = k.incident
      const date = cellDate(i.date ? (i.date_end && i.date_end !== i.date ? `${i.date} to ${i.date_end}` : i.date) : 'unknown', mode)
      return [String(n + 1), date, txt(i.places.map((p) => p.name).join('; ') || 'unknown', mode), PERPETRATOR_LABEL[i.perpetrator ?? 'unknown'] ?? '', WEAPON_LABEL[i.weapon ?? 'unknown'] ?? '',
        txt(k.sites.map((s) => s.name).join('; ') || i.targets.join(', ') || '-', mode), formatRange(i.killed), formatRange(i.injured), k.cites.map((c) => `[${c}]`).join(' ')]
    })))
  }

  md.push('## Attacks on protected sites')
  if (data.protected.incidents.length === 0) md.push('None recorded in the period.')
  else {
    md.push(table(['date', 'site', 'kind', 'place', 'perpetrator', 'weapon', 'killed', 'repeat', 'sources'], data.protected.incidents.map((b) => {
      const i = b.incident
      const kinds = i.targets.filter(isSiteKind).map((k: SiteKind) => SITE_KIND_LABEL[k]).join(', ')
      return [cellDate(i.date ?? 'unknown', mode), txt(b.sites.map((s) => s.name).join('; ') || '(not in the registry)', mode), kinds, txt(i.places[0]?.name ?? '', mode),
        PERPETRATOR_LABEL[i.perpetrator ?? 'unknown'] ?? '', WEAPON_LABEL[i.weapon ?? 'unknown'] ?? '', formatRange(i.killed), b.sites.some((s) => s.repeat) ? 'yes' : '', b.cites.map((c) => `[${c}]`).join(' ')]
    })))
  }

  if (data.agreements.length) {
    md.push('## Agreements')
    for (const a of data.agreements) {
      const ag = a.agreement
      md.push(`### ${txt(ag.name, mode)}`)
      md.push(`Parties: ${txt(ag.parties.map((p) => PARTY_LABEL[p] ?? p).join(', '), mode)}. Signed ${longDate(ag.signed)}; in effect from ${longDate(ag.effective)}${ag.ends ? ` to ${longDate(ag.ends)}` : ''}. Zones: ${txt(ag.zones.map((z) => `${z.name} (from ${z.effective}${z.approximate && !/approximate/i.test(z.name) ? ', approximate' : ''})`).join('; ') || 'none', mode)}.`)
      md.push(table(['deadline', 'obligation', `status on ${data.period.to}`, 'evidence'], ag.obligations.map((o) => [cellDate(o.deadline ?? '-', mode), txt(o.text, mode), o.state, txt(o.evidence ?? '', mode)])))
      const v = a.violations
      md.push(`Incidents inside the zone after it took effect, ${data.period.from} to ${data.period.to}: **${v.total.incidents}** (killed ${formatRange(v.total.killed)}).`)
      if (v.total.incidents) {
        md.push(table(['perpetrator', 'incidents', 'killed'], v.by_perpetrator.map((p) => [capitalise(PERPETRATOR_LABEL[p.perpetrator] ?? p.perpetrator), String(p.incidents), formatRange(p.killed)])))
        md.push(table(['week from', 'incidents', 'killed'], v.by_week.map((w) => [w.week_start, String(w.incidents), formatRange(w.killed)])))
      }
    }
  }

  md.push('## Sources')
  md.push(data.citations.length ? data.citations.map((c) => sourceLine(c, mode)).join('\n') : 'None.')
  md.push('## Method')
  md.push('Incidents are attacks resolved from the reports of one or more sources: reports of one attack become one incident, and figures are reconciled as a range from the lowest to the highest figure reported, never added across reports. '
    + 'Every figure in this brief is such a range or a sum of ranges over distinct incidents. Perpetrators and weapons are as reported, not independently verified. '
    + 'Agreement zones marked approximate were drawn from public descriptions, not official maps; an incident counts as inside a zone when its recorded point falls in it, on or after the day the zone took effect.')
  return md.join('\n\n') + '\n'
}


const CSS = `
@page { size: A4; margin: 16mm 14mm; }
body { font-family: Georgia, 'DejaVu Serif', serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 19pt; margin: 0 0 2mm; line-height: 1.2; }
h2 { font-family: Helvetica, Arial, sans-serif; font-size: 12.5pt; border-bottom: 1px solid #bbb; padding-bottom: 1mm; margin-top: 7mm; break-after: avoid; }
h3 { font-family: Helvetica, Arial, sans-serif; font-size: 11pt; break-after: avoid; }
h1 + p em { color: #555; font-family: Helvetica, Arial, sans-serif; font-size: 9pt; font-style: normal; }
table { border-collapse: collapse; width: 100%; font-family: Helvetica, Arial, sans-serif; font-size: 8.5pt; margin: 2mm 0 3mm; break-inside: auto; }
th, td { border-bottom: 1px solid #ddd; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f1f1ee; }
tr { break-inside: avoid; }
figure { margin: 2mm 0; break-inside: avoid; }
figure svg { display: block; margin: 0 auto; max-width: 100%; max-height: 150mm; width: auto; height: auto; }
ol { font-size: 9pt; padding-left: 7mm; }
li { margin-bottom: 1mm; overflow-wrap: anywhere; }
a { color: #1d5f8a; }
`

/** The brief as one self-contained HTML page with the map and timeline inline (no scripts, no external files). */
export function renderBriefHtml(data: BriefData, figures: BriefFigures): string {
  const md = renderBriefMarkdown(data, { figures: 'placeholders', mode: 'html' })
  const body = (marked.parse(md, { async: false }) as string)
    .replace('<!--hw-figure:map-->', `<figure>${figures.map}</figure>`)
    .replace('<!--hw-figure:timeline-->', `<figure>${figures.timeline}</figure>`)
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(data.title)}</title><style>${CSS}</style></head><body>\n${body}</body></html>\n`
}
