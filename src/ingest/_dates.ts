/**
 * Publication dates arrive as ISO strings, RFC 822 feed dates, PDF dates or YAML dates.
 * The date kept is the calendar day as the publisher wrote it (its own time zone), not UTC.
 */
const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
}

function valid(y: string, m: string, d: string): string | null {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
  const t = Date.parse(`${iso}T00:00:00Z`)
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === iso ? iso : null
}

/** 'YYYY-MM-DD' for a date-like value, or null when it cannot be read. */
export function toIsoDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString().slice(0, 10) : null
  if (typeof value !== 'string') return null
  const s = value.trim()
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s)
  if (m) return valid(m[1]!, m[2]!, m[3]!)
  // PDF: D:YYYYMMDDHHmmSS+HH'mm'
  m = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(s)
  if (m) return valid(m[1]!, m[2] ?? '01', m[3] ?? '01')
  // RFC 822 / 1123: "Tue, 04 Sep 2018 10:00:00 +0300"
  m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(s)
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()]
    return month ? valid(m[3]!, month, m[1]!) : null
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) return valid(m[1]!, m[2]!, m[3]!)
  const t = Date.parse(s)
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : null
}
