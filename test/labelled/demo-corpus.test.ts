/**
 * Keeps the demo corpus (demo/idlib-2018) and its expected readings consistent. The monitor, resolve
 * and brief suites load `expected-incidents.json` as ground truth. If it names a file that was renamed,
 * uses a value outside the contract's enums or places an incident outside Syria, those suites would
 * test against a broken truth without noticing.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { z } from 'zod'
import { IsoDate, Perpetrator, Precision, Range, Target, Weapon } from '../../src/domain/index.ts'

const DEMO = fileURLToPath(new URL('../../demo/idlib-2018/', import.meta.url))
const reportFiles = readdirSync(DEMO).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()

const FrontMatter = z.object({
  outlet: z.string().min(2),
  published: z.union([IsoDate, z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  title: z.string().min(5),
  url: z.url().optional(),
}).strict()

const Incident = z.object({
  key: z.string().regex(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}$/),
  date: IsoDate,
  date_end: IsoDate.nullable(),
  place: z.string().min(2),
  lat: z.number().min(32.3).max(37.4),
  lon: z.number().min(35.7).max(42.4),
  admin1: z.enum(['Idlib', 'Hama', 'Aleppo', 'Latakia']),
  precision: Precision,
  event_type: z.string(),
  sub_event_type: z.string(),
  perpetrator: Perpetrator,
  weapon: Weapon,
  weapons: z.array(Weapon).min(1),
  targets: z.array(Target),
  killed: Range.nullable(),
  injured: Range.nullable(),
  children_killed: Range.nullable(),
  victims: z.array(z.object({ name: z.string() })),
  files: z.array(z.string()).min(1),
  places: z.array(z.object({ place: z.string(), lat: z.number(), lon: z.number(), admin1: z.string(), precision: Precision })).optional(),
  note: z.string().optional(),
}).strict()

const ContextItem = z.object({ key: z.string(), kind: z.string(), files: z.array(z.string()).min(1) }).loose()

function frontMatterOf(file: string): unknown {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(DEMO + file, 'utf8'))
  return m ? parse(m[1]!) : undefined
}
function bodyOf(file: string): string {
  return readFileSync(DEMO + file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')
}

describe('demo corpus demo/idlib-2018', () => {
  it('has at least 40 reports, each with front matter matching its file name', () => {
    assert.ok(reportFiles.length >= 40, `only ${reportFiles.length} reports`)
    const bad: string[] = []
    for (const f of reportFiles) {
      const r = FrontMatter.safeParse(frontMatterOf(f))
      if (!r.success) { bad.push(`${f}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`); continue }
      if (!f.startsWith(`${r.data.published}-`)) bad.push(`${f}: published ${r.data.published} does not match the file name`)
      if (!/^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)+\.md$/.test(f)) bad.push(`${f}: not YYYY-MM-DD-outlet-slug.md`)
    }
    assert.deepEqual(bad, [])
  })

  it('keeps reports short, as monitors publish them (English 80-300 words; Arabic at least 40)', () => {
    const bad: string[] = []
    for (const f of reportFiles) {
      const body = bodyOf(f)
      const words = body.split(/\s+/).filter(Boolean).length
      const arabic = /[\u0600-\u06FF]{3,}/.test(body) && (body.match(/[A-Za-z]{3,}/g) ?? []).length < 10
      if (arabic ? words < 40 || words > 300 : words < 80 || words > 300) bad.push(`${f}: ${words} words`)
    }
    assert.deepEqual(bad, [])
  })

  it('describes each attack as exactly one incident in expected-incidents.json, with valid contract values', () => {
    const raw = JSON.parse(readFileSync(DEMO + 'expected-incidents.json', 'utf8')) as unknown[]
    const bad: string[] = []
    const keys = new Set<string>()
    for (const [i, x] of raw.entries()) {
      const r = Incident.safeParse(x)
      if (!r.success) { bad.push(`incident ${i}: ${r.error.issues.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`); continue }
      const inc = r.data
      if (keys.has(inc.key)) bad.push(`${inc.key}: duplicate key`)
      keys.add(inc.key)
      if (!inc.key.endsWith(inc.date)) bad.push(`${inc.key}: key does not end with its date ${inc.date}`)
      if (inc.date_end !== null && inc.date_end < inc.date) bad.push(`${inc.key}: date_end before date`)
      if (!inc.weapons.includes(inc.weapon)) bad.push(`${inc.key}: weapon not in weapons`)
      for (const rg of [inc.killed, inc.injured, inc.children_killed]) {
        if (rg !== null && rg.min !== null && rg.max !== null && rg.min > rg.max) bad.push(`${inc.key}: min > max`)
      }
      for (const f of inc.files) {
        if (!reportFiles.includes(f)) bad.push(`${inc.key}: names missing file ${f}`)
        else if (f.slice(0, 10) < inc.date) bad.push(`${inc.key}: ${f} is published before the incident`)
      }
    }
    assert.deepEqual(bad, [])
  })

  it('accounts for every report: each tells of an incident or of a context event', () => {
    const incidents = JSON.parse(readFileSync(DEMO + 'expected-incidents.json', 'utf8')) as { files: string[] }[]
    const context = z.array(ContextItem).parse(JSON.parse(readFileSync(DEMO + 'expected-context.json', 'utf8')))
    const told = new Set([...incidents.flatMap((i) => i.files), ...context.flatMap((c) => c.files)])
    assert.deepEqual(reportFiles.filter((f) => !told.has(f)), [])
    assert.deepEqual(context.flatMap((c) => c.files).filter((f) => !reportFiles.includes(f)), [])
  })

  it('tells the same strikes in several spellings, as the resolver must reconcile', () => {
    const all = reportFiles.map(bodyOf).join('\n')
    const spellings: string[][] = [
      ['Khan Sheikhoun', 'Khan Shaykhun', 'خان شيخون'],
      ['Al-Lataminah', 'Latamneh', 'Ltamenah', 'اللطامنة'],
      ["Taman'a", 'Al-Tamanah', 'Tamanaah', 'التمانعة'],
      ['Jisr al-Shughur', 'Jisr Ash-Shughour', 'جسر الشغور'],
    ]
    const missing = spellings.flat().filter((s) => !all.includes(s))
    assert.deepEqual(missing, [])
  })
})
