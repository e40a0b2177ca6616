/** Numbers as reports write them: digits (Arabic-Indic already folded), number words, "a dozen". */

const UNITS: Record<string, number> = {
  zero: 0, a: 1, an: 1, one: 1, single: 1, two: 2, both: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12, couple: 2, pair: 2,
}

/** Regex source of one number as written (used inside bigger patterns, no groups). */
export const NUMBER_SRC = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|a hundred|(?:one|two|three|four|five) hundred|dozens|scores|several|a couple of|a few|two dozen|hundreds)`

export interface Count {
  min: number | null
  max: number | null
}

/** Value of a number written in words or digits; vague quantities ("several", "dozens") as ranges. */
export function parseNumber(raw: string): Count | null {
  const c0 = raw.charCodeAt(0)
  if (c0 >= 48 && c0 <= 57 && raw.length < 4 && /^\d+$/.test(raw)) return exact(Number(raw))
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ')
  if (/^\d{1,3}(?:,\d{3})+$/.test(s)) return exact(Number(s.replace(/,/g, '')))
  if (/^\d+$/.test(s)) return exact(Number(s))
  switch (s) {
    case 'dozens': return { min: 24, max: null }
    case 'two dozen': return exact(24)
    case 'scores': return { min: 40, max: null }
    case 'hundreds': return { min: 200, max: null }
    case 'several': return { min: 3, max: null }
    case 'a few': return { min: 2, max: null }
    case 'a couple of': return exact(2)
    case 'a dozen': return exact(12)
    case 'a hundred': return exact(100)
  }
  const h = /^(one|two|three|four|five) hundred$/.exec(s)
  if (h) return exact((UNITS[h[1]!] ?? 0) * 100)
  const parts = s.split(/[- ]/)
  let total = 0
  for (const p of parts) {
    const v = UNITS[p]
    if (v === undefined) return null
    total += v
  }
  return exact(total)
}

function exact(n: number): Count {
  return { min: n, max: n }
}
