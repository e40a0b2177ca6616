/**
 * `npm run bench [name...]`: runs each `bench/<name>.bench.ts` (its exported `run()`), writes
 * the figures to `bench/results/<name>.json` with a description of the machine, and prints them.
 * Speed and memory targets live here, never in timed tests.
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { cpus, totalmem, platform, release } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'

export interface BenchFigure { name: string; value: number; unit: string; target?: string; met?: boolean }
export interface BenchResult { figures: BenchFigure[]; notes?: string[] }

const dir = fileURLToPath(new URL('.', import.meta.url))
const wanted = process.argv.slice(2)
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.ts', ''))).sort()
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version }
mkdirSync(join(dir, 'results'), { recursive: true })
for (const f of files) {
  const name = f.replace('.bench.ts', '')
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { run: () => Promise<BenchResult> }
  const started = new Date().toISOString()
  const result = await mod.run()
  writeFileSync(join(dir, 'results', `${name}.json`), JSON.stringify({ name, started, machine, ...result }, null, 2) + '\n')
  console.log(`## ${name}`)
  for (const fig of result.figures) console.log(`  ${fig.name}: ${fig.value} ${fig.unit}${fig.target ? ` (target ${fig.target}: ${fig.met ? 'met' : 'NOT met'})` : ''}`)
}
