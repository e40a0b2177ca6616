import type { Range } from '../../domain/index.ts'

/**
 * Totals over DISTINCT incidents (never over reports of one incident, which are reconciled,
 * not summed). The minimum adds what each incident is known to have at least; the maximum
 * stays open (null) as soon as one incident's maximum is not stated, because an unstated
 * toll could be any size.
 *
 * @example
 * sumRanges([{ min: 5, max: null }, { min: 2, max: 2 }]) // => { min: 7, max: null }
 */
export function sumRanges(ranges: Iterable<Range>): Range {
  let min = 0
  let max: number | null = 0
  let any = false
  for (const r of ranges) {
    any = true
    min += r.min ?? 0
    max = max === null || r.max === null ? null : max + r.max
  }
  return any ? { min, max } : { min: 0, max: 0 }
}

/** "5", "5-7", "at least 5", "not stated", "none confirmed": how a range reads in a table. */
export function formatRange(r: Range): string {
  if (r.min === null && r.max === null) return 'not stated'
  // an open sum with nothing known: some incidents gave no figure at all
  if (r.max === null) return r.min === 0 || r.min === null ? 'none confirmed' : `at least ${r.min}`
  if (r.min === null || r.min === r.max) return String(r.max)
  return `${r.min}-${r.max}`
}
