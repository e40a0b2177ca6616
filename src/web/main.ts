/**
 * Harmwatch web UI: a small client-side router over four pages (map, incident, review
 * queue, login). All data comes from the same-origin API.
 */
import './style.css'
import { api, whoami } from './api.ts'
import { h, clear } from './dom.ts'
import { disposeMap, renderMap } from './map-view.ts'
import { renderIncident } from './incident-view.ts'
import { renderReview } from './review-view.ts'
import { renderLogin } from './login-view.ts'

const root = document.getElementById('app') as HTMLElement

async function showUser(): Promise<void> {
  const who = document.getElementById('who')
  if (!who) return
  const { user } = await whoami()
  clear(who)
  if (user && !user.anonymous) {
    who.append(h('span', {}, `${user.name} (${user.role})`), ' ', h('button', { type: 'button', class: 'link', onclick: () => void api('/api/logout', { method: 'POST' }).then(() => whoami(true)).then(() => { void showUser(); go('/') }) }, 'Log out'))
  } else {
    who.append(user?.anonymous ? 'Public view · ' : '', h('a', { href: '/login', 'data-link': '' }, 'Log in'))
  }
}

export function go(path: string): void {
  history.pushState(null, '', path)
  void route()
}

async function route(): Promise<void> {
  root.dataset.ready = '0'
  const path = location.pathname
  if (path !== '/') disposeMap()
  // A private instance shows nothing before login.
  const { user } = await whoami()
  if (!user && path !== '/login') {
    history.replaceState(null, '', `/login?next=${encodeURIComponent(path + location.search)}`)
    renderLogin(root, go, () => void showUser())
    return
  }
  try {
    const m = /^\/incidents\/([^/]+)$/.exec(path)
    if (m?.[1]) await renderIncident(root, decodeURIComponent(m[1]), go)
    else if (path === '/review') await renderReview(root, go)
    else if (path === '/login') renderLogin(root, go, () => void showUser())
    else await renderMap(root, go)
  } catch (e) {
    clear(root)
    const { user } = await whoami()
    root.append(h('section', { class: 'narrow' }, h('h1', {}, 'Cannot show this page'), h('p', {}, (e as Error).message),
      !user ? h('a', { href: `/login?next=${encodeURIComponent(path)}`, 'data-link': '' }, 'Log in') : null))
    root.dataset.ready = '1'
  }
}

document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest('a[data-link]')
  if (!a || e.defaultPrevented || (e as MouseEvent).ctrlKey || (e as MouseEvent).metaKey) return
  e.preventDefault()
  go(a.getAttribute('href') ?? '/')
})
window.addEventListener('popstate', () => void route())
void showUser()
void route()
