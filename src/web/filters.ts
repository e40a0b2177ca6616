/** The incident filter as the UI keeps it: in the URL's query string, so views can be shared. */
export const FILTER_KEYS = ['from', 'to', 'perpetrator', 'weapon', 'target', 'grade', 'area', 'q'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]
export type Filters = Partial<Record<FilterKey, string>>

export function readFilters(search = location.search): Filters {
  const p = new URLSearchParams(search)
  const f: Filters = {}
  for (const k of FILTER_KEYS) {
    const v = p.get(k)
    if (v) f[k] = v
  }
  return f
}

export function filterQuery(f: Filters, omit: FilterKey[] = []): string {
  const p = new URLSearchParams()
  for (const k of FILTER_KEYS) {
    const v = f[k]
    if (v && !omit.includes(k)) p.set(k, v)
  }
  return p.toString()
}

export function writeFilters(f: Filters): void {
  const q = filterQuery(f)
  history.replaceState(null, '', `${location.pathname}${q ? `?${q}` : ''}`)
}
