/**
 * A source's text with the extracted values marked where they were read. Built from text
 * nodes and <mark> elements only: the source text is never parsed as HTML.
 */
export interface Span { field: string; start: number; end: number }

export function highlightText(text: string, spans: Span[]): DocumentFragment {
  const frag = document.createDocumentFragment()
  const sorted = spans.filter((s) => s.start >= 0 && s.end > s.start && s.end <= text.length).sort((a, b) => a.start - b.start || b.end - a.end)
  let at = 0
  for (const s of sorted) {
    if (s.start < at) continue // overlapping spans: the first (longest) one wins
    if (s.start > at) frag.append(document.createTextNode(text.slice(at, s.start)))
    const mark = document.createElement('mark')
    mark.className = `ev ev-${s.field.replace(/[^a-z_]/gi, '')}`
    mark.dataset.field = s.field
    mark.title = s.field
    mark.textContent = text.slice(s.start, s.end)
    frag.append(mark)
    at = s.end
  }
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)))
  return frag
}
