/** The incident page: its figures, each claim, and each source's text with the evidence highlighted. */
import { api, atLeast, whoami, type Incident } from './api.ts'
import { h, clear, fmtRange, label } from './dom.ts'
import { highlightText, type Span } from './highlight.ts'
import { reviewButtons } from './review-view.ts'

interface Report { id: string; source_id: string; seq: number; status: string; version: number; extractor: string; event: Record<string, unknown>; evidence: Span[] }
interface Source { id: string; sha256: string; media_type: string; url: string | null; title: string | null; outlet: string | null; published: string | null; text: string | null }
export interface Detail { incident: Incident; sensitive?: Record<string, unknown>; reports: Report[]; sources: Source[] }

const row = (k: string, v: Node | string) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))

const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted']

/** Editors set the grade, with a reason (409 when someone changed the incident meanwhile). */
function gradeForm(i: Incident, done: () => void): HTMLElement {
  const grade = h('select', { 'aria-label': 'grade' }, ...GRADES.map((g) => h('option', { value: g, selected: g === i.grade }, g)))
  const reason = h('input', { type: 'text', placeholder: 'reason (e.g. acknowledged by the ministry)', dir: 'auto', 'aria-label': 'reason', class: 'reason' })
  const msg = h('span', { class: 'msg', role: 'status' })
  const save = () => {
    api(`/api/incidents/${encodeURIComponent(i.id)}/grade`, { method: 'POST', body: { version: i.version, grade: grade.value, reason: reason.value.trim() } })
      .then(done, (e: Error) => { msg.textContent = e.message })
  }
  return h('div', { class: 'review-actions grade-form' }, 'Set grade ', grade, reason, h('button', { type: 'button', onclick: save }, 'Save grade'), msg)
}

/**
 * Editors merge this incident with another (by id) or split the ticked claims off into a new
 * incident; both carry the versions read, so a concurrent change is a 409, not a lost edit.
 */
function mergeSplitForm(i: Incident, page: HTMLElement, go: (p: string) => void): HTMLElement {
  const other = h('input', { type: 'text', placeholder: 'inc_… to merge into this one', 'aria-label': 'incident to merge', class: 'value' })
  const reason = h('input', { type: 'text', placeholder: 'reason', dir: 'auto', 'aria-label': 'reason', class: 'reason' })
  const msg = h('span', { class: 'msg', role: 'status' })
  const fail = (e: Error) => { msg.textContent = e.message }
  const merge = () => {
    const id = other.value.trim()
    api<Detail>(`/api/incidents/${encodeURIComponent(id)}`)
      .then((o) => api<{ id: string }>('/api/incidents/merge', { method: 'POST', body: { incident_ids: [i.id, id], versions: [i.version, o.incident.version], reason: reason.value.trim() || 'merged in review' } }))
      .then((r) => go(`/incidents/${r.id}`), fail)
  }
  const split = () => {
    const ids = [...page.querySelectorAll<HTMLInputElement>('input.split-pick:checked')].map((c) => c.value)
    if (!ids.length) { msg.textContent = 'Tick the claims to split off first'; return }
    api<{ created: { id: string } }>(`/api/incidents/${encodeURIComponent(i.id)}/split`, { method: 'POST', body: { version: i.version, report_ids: ids, reason: reason.value.trim() || 'split in review' } })
      .then((r) => go(`/incidents/${r.created.id}`), fail)
  }
  return h('div', { class: 'review-actions merge-split' }, 'Merge with ', other, h('button', { type: 'button', onclick: merge }, 'Merge'), ' · ',
    h('button', { type: 'button', onclick: split }, 'Split ticked claims off'), reason, msg)
}

export async function renderIncident(root: HTMLElement, id: string, go: (p: string) => void): Promise<void> {
  clear(root)
  root.append(h('p', {}, 'Loading…'))
  const [{ user }, d] = await Promise.all([whoami(), api<Detail>(`/api/incidents/${encodeURIComponent(id)}`)])
  const i = d.incident
  clear(root)
  const places = h('span', {})
  i.places.forEach((p, k) => {
    if (k) places.append('; ')
    places.append(h('bdi', {}, p.name))
    if (p.name_ar) places.append(' (', h('bdi', { lang: 'ar', dir: 'rtl', class: 'ar' }, p.name_ar), ')')
    places.append(` — precision ${p.precision}`)
  })
  const page = h('article', { class: 'incident', 'data-id': i.id },
    h('p', {}, h('a', { href: `/${location.search}`, onclick: (e) => { e.preventDefault(); history.length > 1 ? history.back() : go('/') } }, '← Back to the map')),
    h('h1', {}, `${i.weapon && i.weapon !== 'unknown' ? label(i.weapon) : 'Attack'} on `, ...i.places.flatMap((p, k) => [k ? ', ' : '', h('bdi', {}, p.name)]), `, ${i.date ?? 'undated'}${i.date_end && i.date_end !== i.date ? ` – ${i.date_end}` : ''}`),
    h('table', { class: 'facts' },
      row('Killed', h('strong', { class: 'killed' }, fmtRange(i.killed))),
      row('Injured', fmtRange(i.injured)),
      row('Children killed', fmtRange(i.children_killed)),
      row('Perpetrator', label(i.perpetrator)),
      row('Weapons', i.weapons.map(label).join(', ') || '–'),
      row('Targets', i.targets.map(label).join(', ') || '–'),
      row('Places', places),
      row('Admin area', [i.admin1, i.admin2].filter(Boolean).join(' / ') || '–'),
      row('Grade', `${i.grade}${i.grade_reasons.length ? ` (${i.grade_reasons.join('; ')})` : ''}`),
      row('Reported by', `${i.reported_by.join(', ') || '–'} (${i.independent_sources} independent)`),
      row('Status', `${i.status}, version ${i.version}`)),
  )
  if (atLeast(user, 'editor')) page.append(gradeForm(i, () => void renderIncident(root, id, go)), mergeSplitForm(i, page, go))
  if (d.sensitive && Object.keys(d.sensitive).length) {
    page.append(h('section', { class: 'sensitive' }, h('h2', {}, 'Sensitive (analysts only)'), h('pre', { dir: 'auto' }, JSON.stringify(d.sensitive, null, 2))))
  }
  page.append(h('h2', {}, `Sources and claims (${d.reports.length})`))
  for (const s of d.sources) {
    const reports = d.reports.filter((r) => r.source_id === s.id)
    const spans = reports.flatMap((r) => r.evidence)
    const text = h('div', { class: 'source-text', dir: 'auto', lang: '' })
    if (s.text) text.append(highlightText(s.text, spans))
    else text.textContent = '(no text could be derived from this source)'
    page.append(h('section', { class: 'source', 'data-source': s.id },
      h('h3', {}, h('bdi', {}, s.title ?? s.id)),
      h('p', { class: 'meta' }, `${s.outlet ?? 'unknown outlet'} · published ${s.published ?? 'unknown'} · `,
        s.url ? h('a', { href: s.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original URL') : 'no URL', ' · ',
        h('a', { href: `/api/sources/${s.id}/original`, download: '' }, 'download original'), ' · ',
        h('code', { title: 'SHA-256 of the original bytes' }, `sha256 ${s.sha256.slice(0, 16)}…`)),
      text,
      ...reports.map((r) => h('div', { class: 'claim', 'data-report': r.id },
        atLeast(user, 'editor') ? h('input', { type: 'checkbox', class: 'split-pick', value: r.id, 'aria-label': `split claim ${r.seq + 1} off` }) : null,
        h('span', {}, `Claim ${r.seq + 1} (${r.status}): killed ${fmtRange(r.event.killed as Span & { min: number | null; max: number | null })}, ${label(String(r.event.weapon ?? ''))}, ${label(String(r.event.perpetrator ?? ''))}`),
        atLeast(user, 'analyst') ? reviewButtons(r, () => void renderIncident(root, id, go)) : null)),
    ))
  }
  page.append(h('p', { class: 'legend-ev' }, 'Highlighted: the words each value was read from (hover for the field).'))
  root.append(page)
  root.dataset.ready = '1'
}
