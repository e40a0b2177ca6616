import { api, whoami } from './api.ts'
import { h, clear } from './dom.ts'

export function renderLogin(root: HTMLElement, go: (p: string) => void, onUser: () => void): void {
  clear(root)
  const msg = h('p', { class: 'msg', role: 'alert' })
  const form = h('form', { class: 'login narrow' },
    h('h1', {}, 'Log in'),
    h('label', {}, 'Name ', h('input', { name: 'name', autocomplete: 'username', required: true })),
    h('label', {}, 'Password ', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit' }, 'Log in'), msg)
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const data = new FormData(form)
    api('/api/login', { method: 'POST', body: { name: String(data.get('name')), password: String(data.get('password')) } })
      .then(async () => {
        await whoami(true)
        onUser()
        const next = new URLSearchParams(location.search).get('next')
        go(next && next.startsWith('/') && !next.startsWith('//') ? next : '/')
      })
      .catch((err: Error) => { msg.textContent = err.message })
  })
  root.append(form)
}
