/**
 * Building DOM without HTML strings: text always goes in through textContent, so nothing
 * read from a source (or any API field) can become markup.
 */
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>
type Child = Node | string | number | null | undefined | false

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v)
    else if (k === 'href' && !safeHref(String(v))) continue
    else el.setAttribute(k, v === true ? '' : String(v))
  }
  append(el, ...children)
  return el
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c)
  }
}

/** Only same-site paths and http(s) links become hrefs (never javascript: or data:). */
export function safeHref(href: string): boolean {
  if (href.startsWith('/') && !href.startsWith('//')) return true
  try {
    const u = new URL(href)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild)
}

export const fmtRange = (r: { min: number | null; max: number | null } | null | undefined): string => {
  if (!r || (r.min === null && r.max === null)) return '–'
  if (r.min === r.max) return String(r.min)
  return `${r.min ?? '?'}–${r.max ?? '?'}`
}

export const label = (s: string | null | undefined): string => (s ? s.replace(/_/g, ' ') : '–')
