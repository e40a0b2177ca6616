/**
 * `npm run eval:geocode [-- --verbose] [-- --admin1]`: top-1 accuracy within 5 km on the golden tables
 * (src/geocode/fixtures/in), Latin and Arabic separately, and the calibration table (score → precision).
 * --admin1 also runs with the expected governorate given as context, as the pipeline usually can.
 */
import { parseArgs } from 'node:util'
import { loadGeocoder } from '../src/geocode/index.ts'
import { calibration, evaluate, readGolden, type GoldenResult } from '../src/geocode/_golden.ts'

const { values } = parseArgs({ options: { verbose: { type: 'boolean' }, admin1: { type: 'boolean' } } })
const geocoder = loadGeocoder()
const rows = readGolden()

function pct(rs: readonly GoldenResult[]): string {
  const right = rs.filter((r) => r.correct).length
  return `${((100 * right) / Math.max(1, rs.length)).toFixed(1)}% (${right}/${rs.length})`
}

function report(title: string, results: GoldenResult[]): void {
  console.log(`\n## ${title}`)
  console.log(`Latin  top-1 within 5 km: ${pct(results.filter((r) => r.script === 'latin'))}  (target ≥ 95%)`)
  console.log(`Arabic top-1 within 5 km: ${pct(results.filter((r) => r.script === 'arabic'))}  (target ≥ 90%)`)
  for (const file of [...new Set(results.map((r) => r.file))]) console.log(`  ${file.padEnd(12)} ${pct(results.filter((r) => r.file === file))}`)
  console.log('\nCalibration (top candidate score → how often it is right):')
  console.log('  score        n    right  precision')
  for (const b of calibration(results)) console.log(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.n).padStart(5)}  ${String(b.right).padStart(5)}  ${b.precision === null ? '   –' : `${(100 * b.precision).toFixed(1)}%`}`)
  const high = results.filter((r) => r.top && r.top.score >= 0.8)
  console.log(`  score ≥ 0.8: ${pct(high)} right (target ≥ 90%)`)
  const wrong = results.filter((r) => !r.correct)
  if (wrong.length) {
    console.log(`\nMisses (${wrong.length}):`)
    for (const r of values.verbose ? wrong : wrong.slice(0, 25)) {
      console.log(`  ${r.file}:${r.line} "${r.query}" → ${r.top ? `${r.top.id} ${r.top.name} (${r.top.admin1}) score ${r.top.score}, ${r.km?.toFixed(1)} km off` : 'nothing'}; expected ${r.id} ${r.name}`)
    }
  }
}

const admin1Of = new Map<string, string>([['idlib.tsv', 'Idlib'], ['hama.tsv', 'Hama'], ['aleppo.tsv', 'Aleppo'], ['latakia.tsv', 'Latakia']])
report('Golden tables, no context', evaluate(geocoder, rows))
if (values.admin1) report('Golden tables, governorate given', evaluate(geocoder, rows, (r) => ({ admin1: admin1Of.get(r.file) ?? null })))
