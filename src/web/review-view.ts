/** The review queue and the accept / correct / reject actions (analysts and above). */
import { api, ApiError, atLeast, whoami } from './api.ts'
import { h, clear, fmtRange, label } from './dom.ts'

interface QueueReport {
  id: string; source_id: string; status: string; version: number; incident_id: string | null
  date: string | null; weapon: string | null; perpetrator: string | null; killed: { min: number | null; max: number | null }
  place: string | null; outlet: string | null; published: string | null
}

const FIELDS = ['killed', 'injured', 'date', 'perpetrator', 'weapon', 'targets']

/** Accept / Correct / Reject for one report; `done` runs after a successful action. */
export function reviewButtons(r: { id: string; version: number; status: string }, done: () => void): HTMLElement {
  const msg = h('span', { class: 'msg', role: 'status' })
  const reason = h('input', { type: 'text', placeholder: 'reason', 'aria-label': 'reason', dir: 'auto', class: 'reason' })
  const field = h('select', { 'aria-label': 'field' }, ...FIELDS.map((f) => h('option', { value: f }, label(f))))
  const value = h('input', { type: 'text', placeholder: 'value (JSON, e.g. {"min":3,"max":5})', 'aria-label': 'value', class: 'value' })
  const act = async (action: 'accept' | 'reject' | 'correct') => {
    msg.textContent = '…'
    try {
      let body: Record<string, unknown> = { version: r.version }
      if (action === 'reject') body = { ...body, reason: reason.value.trim() || 'rejected in review' }
      if (action === 'correct') {
        let v: unknown = value.value
        try { v = JSON.parse(value.value) } catch { /* a plain string */ }
        body = { ...body, field: field.value, value: v, reason: reason.value.trim() || 'corrected in review' }
      }
      await api(`/api/reports/${encodeURIComponent(r.id)}/${action}`, { method: 'POST', body })
      msg.textContent = `${action}ed`
      done()
    } catch (e) {
      msg.textContent = e instanceof ApiError && e.status === 409 ? 'Someone changed this report meanwhile: reloaded, check and retry' : `Cannot ${action}: ${(e as Error).message}`
      if (e instanceof ApiError && e.status === 409) setTimeout(done, 1500)
    }
  }
  return h('div', { class: 'review-actions' },
    h('button', { type: 'button', class: 'accept', onclick: () => void act('accept') }, 'Accept'),
    h('button', { type: 'button', class: 'reject', onclick: () => void act('reject') }, 'Reject'),
    h('details', {}, h('summary', {}, 'Correct…'), field, value, h('button', { type: 'button', class: 'correct', onclick: () => void act('correct') }, 'Save correction')),
    reason, msg)
}

export async function renderReview(root: HTMLElement, go: (p: string) => void): Promise<void> {
  clear(root)
  const { user } = await whoami()
  if (!atLeast(user, 'analyst')) {
    root.append(h('section', { class: 'narrow' }, h('h1', {}, 'Review queue'), h('p', {}, 'The review queue is for analysts. '),
      h('a', { href: '/login?next=/review', onclick: (e) => { e.preventDefault(); go('/login?next=/review') } }, 'Log in')))
    return
  }
  const q = await api<{ reports: QueueReport[] }>('/api/review/queue?limit=200')
  const list = h('ol', { class: 'queue' }, ...q.reports.map((r) => h('li', { class: 'queue-item', 'data-report': r.id },
    h('div', {}, h('strong', {}, r.date ?? 'undated'), ' ', h('bdi', {}, r.place ?? ''), ` — ${label(r.weapon)}, ${label(r.perpetrator)}, killed ${fmtRange(r.killed)}`),
    h('div', { class: 'meta' }, h('bdi', {}, `${r.outlet ?? 'unknown outlet'}, ${r.published ?? 'undated'} (${r.source_id})`), ' · ',
      r.incident_id ? h('a', { href: `/incidents/${r.incident_id}`, onclick: (e) => { e.preventDefault(); go(`/incidents/${r.incident_id}`) } }, 'incident') : 'no incident'),
    reviewButtons(r, () => void renderReview(root, go)))))
  root.append(h('section', { class: 'review' }, h('h1', {}, `Review queue (${q.reports.length} unreviewed reports)`), list))
  root.dataset.ready = '1'
}
