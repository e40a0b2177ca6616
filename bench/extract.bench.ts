/**
 * Extraction throughput: extract + geocode on synthetic 2-5 kB reports (our own sentences,
 * recombined), one core, one process; RSS sampled at intervals to show memory stays flat.
 * BENCH_REPORTS sets how many reports (default 20,000; the target is stated for 100,000).
 */
import { loadavg } from 'node:os'
import type { BenchResult } from './run.ts'
import { defaultGeocoder, extract, placeServices } from '../src/extract/index.ts'

const PLACES = ['Kafr Nabl', 'Saraqib', 'Maarat al-Numan', 'Khan Sheikhoun', 'Jisr al-Shughur', 'Ariha', 'Hass', 'Kafr Zita', 'al-Latamnah', 'Binnish', 'Sarmin', 'Taftanaz', 'Atmeh', 'Darkoush', 'Mhambel', 'Kansafra']
const PERPS = ['Russian warplanes', 'Regime helicopters', 'Syrian government artillery', 'Russian or regime jets', 'Unidentified aircraft']
const MEANS = ['struck', 'dropped barrel bombs on', 'shelled', 'fired rockets at', 'bombed']
const TARGETS = ['a school in', 'the market in', 'homes in', 'a hospital in', 'a bakery in', 'the town of']
const DAYS = ['on Monday', 'on Tuesday', 'yesterday', 'on 4 September', 'early on Friday']
const TOLLS = ['killing five civilians, including two children', 'killing a woman and her husband', 'injuring 12 people', 'killing at least 7 people and wounding 20 more', 'causing material damage only']
const REPORTERS = ['the Syrian Network for Human Rights said', 'according to the White Helmets', 'SOHR reported', 'local activists said']
const FILLER = 'The attack came amid an escalation of bombardment across the de-escalation zone, where more than three million people live, many of them displaced several times. Residents said they had little warning and that rescue teams struggled to reach the site because of continued shelling. '

function report(i: number): string {
  const pick = <T>(a: T[], k: number): T => a[(i * 7 + k * 13) % a.length]!
  const parts: string[] = []
  let n = 0
  while (parts.join(' ').length < 2000 + (i % 3) * 1000) {
    parts.push(`${pick(PERPS, n)} ${pick(MEANS, n + 1)} ${pick(TARGETS, n + 2)} ${pick(PLACES, n + 3 + i)} ${pick(DAYS, n + 4)}, ${pick(TOLLS, n + 5)}, ${pick(REPORTERS, n + 6)}.`)
    parts.push(FILLER)
    n++
  }
  return parts.join(' ')
}

export async function run(): Promise<BenchResult> {
  const total = Number(process.env.BENCH_REPORTS ?? 20000)
  const services = placeServices(defaultGeocoder())
  const corpus = Array.from({ length: 997 }, (_, i) => report(i))
  const bytes = corpus.reduce((s, r) => s + Buffer.byteLength(r), 0) / corpus.length
  for (let i = 0; i < 200; i++) extract(corpus[i % corpus.length]!, { published: '2018-09-10', ...services })
  const rss: number[] = []
  let events = 0
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < total; i++) {
    events += extract(corpus[i % corpus.length]!, { published: '2018-09-10', ...services }).events.length
    if (i % Math.max(1, Math.floor(total / 10)) === 0) rss.push(process.memoryUsage().rss / 2 ** 20)
  }
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  rss.push(process.memoryUsage().rss / 2 ** 20)
  // CPU time is the one-core figure: on a shared machine wall time also counts other processes' turns
  const perSecond = Math.round(total / cpuSeconds)
  const perWallSecond = Math.round(total / seconds)
  const growth = Math.round(rss[rss.length - 1]! - rss[1]!)
  return {
    figures: [
      { name: 'reports per CPU-second (extract + geocode, one core)', value: perSecond, unit: 'reports/s', target: '>= 1000', met: perSecond >= 1000 },
      { name: 'reports per wall-clock second (shared machine)', value: perWallSecond, unit: 'reports/s' },
      { name: 'mean report size', value: Math.round(bytes), unit: 'bytes' },
      { name: 'RSS growth after warm-up', value: growth, unit: 'MB', target: '<= 50 (flat)', met: growth <= 50 },
      { name: 'events per report', value: Math.round((events / total) * 10) / 10, unit: 'events' },
    ],
    notes: [`${total} reports; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; RSS samples (MB): ${rss.map((x) => Math.round(x)).join(', ')}`],
  }
}
