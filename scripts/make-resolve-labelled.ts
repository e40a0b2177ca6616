/**
 * Writes test/labelled/resolve.jsonl: the labelled resolution set, from the scenario tables
 * below and a fixed-seed generator, so the file is reproducible (`npx tsx
 * scripts/make-resolve-labelled.ts`) and reviewable. Each line is one claim: a
 * contract-shaped event, the source it came from, and the incident it really belongs to.
 *
 * How it was written: 36 pairs of neighbouring villages (3-7 km apart, pairs at least 12 km
 * from each other; ids, names and coordinates from the bundled gazetteer) each host
 *   1. a base attack on the first village, told by 1-5 sources with the variations real
 *      reporting shows (spellings without a gazetteer id, tolls of 2/3/"at least 2", the
 *      allied air forces confused, weapon or targets omitted, outlets quoting SNHR, a
 *      "yesterday" read as the publication day, a vaguer "near X" place);
 *   2. a near miss chosen in turn from: the same village the next day (another toll and
 *      target), the neighbouring village the same day, the same village and day but another
 *      perpetrator and means (ground shelling by an armed group), or a protest there that day;
 *   3. an unrelated attack on the second village a few days later.
 * Claims get report ids in no particular order, so the resolver cannot lean on file order.
 */
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { seededRandom } from './_seeded-random.ts'

type P = [id: string, name: string, lat: number, lon: number, admin1: string, admin2: string]
const PAIRS: [P, P][] = [
  [['C3309', 'Qanafeth', 35.2249, 37.2751, 'Hama', 'As-Salamiyeh'], ['C3310', 'Fweira', 35.2062, 37.2326, 'Hama', 'As-Salamiyeh']],
  [['C7175', 'Jawwasiyah ash Shamaliyah', 34.9971, 37.5763, 'Hama', 'As-Salamiyeh'], ['C7178', 'Ad Dahriyah', 35.0306, 37.5691, 'Hama', 'As-Salamiyeh']],
  [['C3075', 'Zegbeh', 35.3801, 36.9599, 'Hama', 'Hama'], ['C3039', 'Qasr Elmakhram', 35.3289, 36.9486, 'Hama', 'Hama']],
  [['C6571', 'Abu Mahala', 35.4729, 37.3082, 'Hama', 'Hama'], ['C6345', 'Hleibiyeh', 35.5352, 37.2973, 'Hama', 'Hama']],
  [['C3154', 'Lower Amiqa', 35.5731, 36.3923, 'Hama', 'As-Suqaylabiyah'], ['C6544', 'Tanjarah', 35.5869, 36.3567, 'Hama', 'As-Suqaylabiyah']],
  [['C3372', 'Sulukiyeh', 35.1973, 36.3627, 'Hama', 'Masyaf'], ['C3342', 'Teir Jebeh', 35.1717, 36.3076, 'Hama', 'Masyaf']],
  [['C4157', 'Kafr Takharim', 36.1165, 36.5154, 'Idlib', 'Harim'], ['C4140', 'Salqin', 36.1390, 36.4537, 'Idlib', 'Harim']],
  [['C3180', 'Lower Shateha', 35.4983, 36.2438, 'Hama', 'As-Suqaylabiyah'], ['C3181', 'Mirdash', 35.4464, 36.2471, 'Hama', 'As-Suqaylabiyah']],
  [['C6702', 'Alfauri', 35.8904, 36.4140, 'Idlib', 'Jisr-Ash-Shugur'], ['C6701', 'Magharet Jamous', 35.9501, 36.4204, 'Idlib', 'Jisr-Ash-Shugur']],
  [['C3945', 'Kafr Jales', 35.9759, 36.6142, 'Idlib', 'Idleb'], ['C3946', 'Murin', 36.0069, 36.5478, 'Idlib', 'Idleb']],
  [['C2972', 'Jinan', 35.0844, 36.8467, 'Hama', 'Hama'], ['C2984', 'Eastern Sweida', 35.0266, 36.8204, 'Hama', 'Hama']],
  [['C3930', 'Mardikh', 35.8110, 36.7906, 'Idlib', 'Idleb'], ['C3927', 'Kafr Battikh', 35.7819, 36.7255, 'Idlib', 'Idleb']],
  [['C3291', 'Sarha', 35.3421, 37.4278, 'Hama', 'As-Salamiyeh'], ['C3289', 'Um Myal', 35.3943, 37.3997, 'Hama', 'As-Salamiyeh']],
  [['C6693', 'Shaikh Hasan', 36.2133, 36.7318, 'Idlib', 'Harim'], ['C6755', 'Babisqa', 36.2168, 36.6896, 'Idlib', 'Harim']],
  [['C4330', 'Mhambal', 35.7841, 36.4689, 'Idlib', 'Ariha'], ['C4202', 'Ein Elhamra', 35.7709, 36.4275, 'Idlib', 'Jisr-Ash-Shugur']],
  [['C4259', 'Maland', 35.9235, 36.2749, 'Idlib', 'Jisr-Ash-Shugur'], ['C4234', 'Ramliyeh', 35.9197, 36.2139, 'Idlib', 'Jisr-Ash-Shugur']],
  [['C3176', 'Jeb Elghar', 35.6388, 36.2245, 'Hama', 'As-Suqaylabiyah'], ['C3165', 'Bahsa', 35.6799, 36.2762, 'Hama', 'As-Suqaylabiyah']],
  [['C3260', 'Akash', 35.0046, 37.3470, 'Hama', 'As-Salamiyeh'], ['C3264', 'Arshuneh', 34.9653, 37.2952, 'Hama', 'As-Salamiyeh']],
  [['C3933', 'Talhiyeh', 35.9671, 36.8354, 'Idlib', 'Idleb'], ['C3918', 'Tal Karatine', 35.9384, 36.8460, 'Idlib', 'Idleb']],
  [['C6707', 'Moghr Al Hamam', 35.4447, 36.5168, 'Idlib', 'Al Mara'], ['C3197', 'Tal Hawash', 35.4454, 36.4566, 'Hama', 'As-Suqaylabiyah']],
  [['C3081', 'Um Treikiet Elqablieh', 35.2624, 37.0616, 'Hama', 'Hama'], ['C3072', 'Alala', 35.3059, 37.1090, 'Hama', 'Hama']],
  [['C3442', 'Abu Rbeis', 35.1954, 36.5126, 'Hama', 'Muhradah'], ['C3451', 'Khneizir', 35.2497, 36.5301, 'Hama', 'Muhradah']],
  [['C3281', 'Sheikh Hilal', 35.2496, 37.5044, 'Hama', 'As-Salamiyeh'], ['C3285', 'Rasm Amun', 35.2207, 37.4719, 'Hama', 'As-Salamiyeh']],
  [['C3893', 'Baragethi', 35.7613, 37.0414, 'Idlib', 'Idleb'], ['C3888', 'Taljineh', 35.8186, 37.0584, 'Idlib', 'Idleb']],
  [['C3052', 'Bulos', 34.9848, 36.5581, 'Hama', 'Hama'], ['C3056', 'Moah', 35.0266, 36.5769, 'Hama', 'Hama']],
  [['C3218', 'Dneibeh', 34.9314, 37.0036, 'Hama', 'As-Salamiyeh'], ['C7170', 'Az Zaytuniah', 34.9573, 36.9425, 'Hama', 'As-Salamiyeh']],
  [['C3256', 'Kitlun', 35.0878, 36.9923, 'Hama', 'As-Salamiyeh'], ['C3240', 'Riba', 35.1296, 36.9753, 'Hama', 'As-Salamiyeh']],
  [['C2962', 'Arzet Eldabaa', 35.1747, 36.6980, 'Hama', 'Hama'], ['C2993', 'Teizine', 35.1249, 36.6535, 'Hama', 'Hama']],
  [['C3429', 'Jbita', 35.0186, 36.2098, 'Hama', 'Masyaf'], ['C3427', 'Dweir Elmashayekh', 35.0010, 36.1707, 'Hama', 'Masyaf']],
  [['C3404', 'Aqdokar', 34.9745, 36.3739, 'Hama', 'Masyaf'], ['C3411', 'Beit Nater', 34.9175, 36.3490, 'Hama', 'Masyaf']],
  [['C3138', 'Latma', 35.3341, 36.3603, 'Hama', 'As-Suqaylabiyah'], ['C3142', 'Tobeh', 35.3161, 36.3244, 'Hama', 'As-Suqaylabiyah']],
  [['C4286', 'Nahliya', 35.8471, 36.6005, 'Idlib', 'Ariha'], ['C4288', 'Korin', 35.8638, 36.5687, 'Idlib', 'Ariha']],
  [['C3020', 'Bweida', 35.3161, 36.6955, 'Hama', 'Hama'], ['C3036', 'Masasneh', 35.2908, 36.6633, 'Hama', 'Hama']],
  [['C3949', 'Kelly', 36.1081, 36.6946, 'Idlib', 'Idleb'], ['C6633', 'Beeret Kaftin', 36.0856, 36.6559, 'Idlib', 'Idleb']],
  [['C4305', 'Farkya', 35.7252, 36.5988, 'Idlib', 'Ariha'], ['C4304', 'Bara', 35.6852, 36.5419, 'Idlib', 'Ariha']],
  [['C4225', 'Yunesiyeh', 35.7988, 36.1597, 'Idlib', 'Jisr-Ash-Shugur'], ['C4233', 'Najiyeh', 35.7914, 36.2142, 'Idlib', 'Jisr-Ash-Shugur']],
]

const OUTLETS = ['SNHR', 'SOHR', 'Syria Civil Defence', 'Smart News', 'Enab Baladi', 'Step News', 'Orient News', 'Reuters', 'AFP', 'Idlib Media Center']
/** Organisations that outlets quote: a quoted statement is that organisation's claim. */
const QUOTED = ['SNHR', 'SOHR', 'Syria Civil Defence']

type Variation = 'exact' | 'spelling' | 'toll' | 'at_least' | 'allied' | 'umbrella' | 'unknown_perp' | 'no_targets' | 'no_weapon' | 'quote' | 'yesterday' | 'near'
/** How the second, third... source of one attack differs from the first (cycled with the seed). */
const VARIATIONS: Variation[] = ['spelling', 'toll', 'at_least', 'umbrella', 'exact', 'quote', 'no_targets', 'yesterday', 'spelling', 'toll', 'near', 'no_weapon', 'allied', 'unknown_perp', 'quote', 'exact']

type NearMiss = 'next_day' | 'neighbour' | 'other_perpetrator' | 'protest'
const NEAR_MISSES: NearMiss[] = ['next_day', 'neighbour', 'other_perpetrator', 'protest']

interface Attack { perpetrator: string; weapon: string; sub: string; targets: string[] }
const ATTACKS: Attack[] = [
  { perpetrator: 'russia', weapon: 'airstrike', sub: 'Air/drone strike', targets: ['residential'] },
  { perpetrator: 'syrian_government', weapon: 'barrel_bomb', sub: 'Air/drone strike', targets: ['residential'] },
  { perpetrator: 'russia', weapon: 'airstrike', sub: 'Air/drone strike', targets: ['hospital_medical'] },
  { perpetrator: 'russia_or_syrian_government', weapon: 'airstrike', sub: 'Air/drone strike', targets: ['market'] },
  { perpetrator: 'syrian_government', weapon: 'shelling_artillery', sub: 'Shelling/artillery/missile attack', targets: ['residential'] },
  { perpetrator: 'russia', weapon: 'cluster_munition', sub: 'Air/drone strike', targets: ['school'] },
  { perpetrator: 'syrian_government', weapon: 'rocket_missile', sub: 'Shelling/artillery/missile attack', targets: ['civil_defence'] },
]

const rng = seededRandom
const rand = rng(20180904)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j]!, xs[i]!]
  }
  return xs
}
const DAY = 86_400_000
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * DAY).toISOString().slice(0, 10)

function respell(name: string): string {
  const variants = [
    name.replace(/a/g, 'e'), name.replace(/^(Al |El )/, ''), name.replace(/ee/g, 'i').replace(/ou/g, 'u'), name.replace(/h$/, ''), `Al-${name}`,
  ].filter((v) => v !== name)
  return variants.length > 0 ? pick(variants) : `${name}a`
}

interface Line {
  report_id: string; incident: string; scenario: string; source_id: string; outlet: string; published: string
  event: Record<string, unknown>
}

const lines: Line[] = []
let serial = 0
function claim(incident: string, scenario: string, outlet: string, published: string, event: Record<string, unknown>) {
  const h = createHash('sha256').update(`${incident}/${serial++}`).digest('hex')
  lines.push({ report_id: `rep_${h.slice(0, 16)}_0`, incident, scenario, source_id: `src_${h.slice(0, 16)}`, outlet, published, event })
}

function place(p: P, text = p[1], opts: { id?: boolean; precision?: 1 | 2; shiftKm?: number } = {}) {
  const shift = (opts.shiftKm ?? 0) / 111
  const angle = rand() * 2 * Math.PI
  return {
    text, lat: +(p[2] + shift * Math.sin(angle)).toFixed(4), lon: +(p[3] + shift * Math.cos(angle)).toFixed(4),
    admin1: p[4], admin2: p[5], precision: opts.precision ?? 1, place_id: opts.id === false ? null : p[0],
  }
}

function event(a: Attack, date: string, places: unknown[], killed: { min: number | null; max: number | null } | null, reportedBy: string[]) {
  return {
    date, date_end: null, event_type: 'Explosions/Remote violence', sub_event_type: a.sub, perpetrator: a.perpetrator, weapon: a.weapon,
    weapons: [a.weapon], targets: a.targets, places, killed, injured: null, children_killed: null, victims: [], reported_by: reportedBy,
    evidence: [], confidence: 0.8,
  }
}

/** One attack told by `n` sources, the first plain, the others varied. */
function tellAttack(incident: string, scenario: string, p: P, date: string, a: Attack, toll: number, n: number) {
  const outlets = shuffle([...OUTLETS]).slice(0, n)
  outlets.forEach((outlet, i) => {
    const v: Variation = i === 0 ? 'exact' : pick(VARIATIONS)
    let published = rand() < 0.3 ? addDays(date, 1) : date
    let d = date
    let killed: { min: number | null; max: number | null } | null = { min: toll, max: toll }
    let pl: ReturnType<typeof place> & { near?: string } = place(p, p[1], { shiftKm: 0.2 })
    const attack = { ...a }
    let reportedBy = QUOTED.includes(outlet) ? [outlet] : []
    switch (v) {
      case 'spelling': pl = place(p, respell(p[1]), { id: false, shiftKm: 0.6 }); break
      case 'toll': killed = { min: toll + 1, max: toll + 1 }; break
      case 'at_least': killed = { min: Math.max(1, toll - 1), max: null }; break
      case 'allied': attack.perpetrator = a.perpetrator === 'russia' ? 'syrian_government' : a.perpetrator === 'syrian_government' ? 'russia' : a.perpetrator; break
      case 'umbrella': if (['russia', 'syrian_government'].includes(a.perpetrator)) attack.perpetrator = 'russia_or_syrian_government'; break
      case 'unknown_perp': attack.perpetrator = 'unknown'; break
      case 'no_targets': attack.targets = []; killed = null; break
      case 'no_weapon': attack.weapon = 'unknown'; break
      case 'quote': reportedBy = [pick(QUOTED)]; break
      case 'yesterday': published = addDays(date, 1); d = published; break
      case 'near': pl = { ...place(p, `outskirts of ${respell(p[1])}`, { id: false, precision: 2, shiftKm: 3 }), near: p[1] }; break
      default: break
    }
    claim(incident, `${scenario}:${v}`, outlet, published, event(attack, d, [pl], killed, reportedBy))
  })
}

const SIZES = [1, 2, 3, 3, 4, 4, 5, 3, 2, 4]
PAIRS.forEach(([a, b], i) => {
  const day = addDays('2018-09-01', (i * 7) % 55)
  const base = ATTACKS[i % ATTACKS.length]!
  const toll = 2 + (i % 6)
  tellAttack(`pair${i}:base`, 'base', a, day, base, toll, SIZES[i % SIZES.length]!)
  const miss = NEAR_MISSES[i % NEAR_MISSES.length]!
  const size = SIZES[(i + 3) % SIZES.length]!
  switch (miss) {
    case 'next_day': {
      // A repeat strike the next day: told with its own toll and target.
      const other = { ...base, targets: base.targets.includes('market') ? ['bakery'] : ['market'] }
      tellAttack(`pair${i}:next-day`, 'near-miss:next-day', a, addDays(day, 1), other, toll * 3 + 4, size)
      break
    }
    case 'neighbour':
      tellAttack(`pair${i}:neighbour`, 'near-miss:neighbour', b, day, base, toll + 1, size)
      break
    case 'other_perpetrator': {
      const ground = { perpetrator: pick(['opposition', 'hts']), weapon: pick(['shelling_artillery', 'rocket_missile']), sub: 'Shelling/artillery/missile attack', targets: ['residential'] }
      tellAttack(`pair${i}:other-perpetrator`, 'near-miss:other-perpetrator', a, day, ground, toll, size)
      break
    }
    default: {
      const outlets = OUTLETS.slice(0, Math.min(size, 3))
      for (const outlet of outlets) {
        claim(`pair${i}:protest`, 'near-miss:protest', outlet, day, {
          ...event({ perpetrator: 'unknown', weapon: 'unknown', sub: 'Peaceful protest', targets: [] }, day, [place(a, a[1], { shiftKm: 0.3 })], null, []),
          event_type: 'Protests', weapons: [],
        })
      }
    }
  }
  tellAttack(`pair${i}:second-village`, 'other', b, addDays(day, 4 + (i % 3)), ATTACKS[(i + 2) % ATTACKS.length]!, 1 + (i % 4), SIZES[(i + 6) % SIZES.length]!)
})

lines.sort((x, y) => (x.report_id < y.report_id ? -1 : 1))
const out = fileURLToPath(new URL('../test/labelled/resolve.jsonl', import.meta.url))
writeFileSync(out, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
console.log(`Wrote ${lines.length} claims in ${new Set(lines.map((l) => l.incident)).size} incidents to ${out}`)
