/**
 * `npm run eval:resolve`: scores resolution on the labelled set (test/labelled/resolve.jsonl,
 * written by scripts/make-resolve-labelled.ts) with pairwise precision, recall and F1: a
 * pair of claims is a true positive when both the resolver and the label put them in one
 * incident. Target F1 >= 0.95. Prints the errors by scenario; `--json` prints the figures.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { claimFromEvent, resolveInMemory, type Claim } from '../src/resolve/index.ts'

export interface LabelledClaim { report_id: string; incident: string; scenario: string; source_id: string; outlet: string; published: string; event: Record<string, unknown> }

export const LABELLED_FILE = fileURLToPath(new URL('../test/labelled/resolve.jsonl', import.meta.url))

export function loadLabelled(file = LABELLED_FILE): LabelledClaim[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as LabelledClaim)
}

export function toClaims(lines: readonly LabelledClaim[]): Claim[] {
  return lines.map((l) => claimFromEvent(l.report_id, l.source_id, l.event, { outlet: l.outlet, published: l.published }))
}

export interface PairScore { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number; claims: number; incidents: number; predicted: number }

/** Pairwise scores of a predicted clustering against labels (report id -> label). */
export function pairwise(predicted: readonly { report_ids: string[] }[], label: ReadonlyMap<string, string>): PairScore & { falseMerges: [string, string][]; missedMerges: [string, string][] } {
  let tp = 0, fp = 0
  const falseMerges: [string, string][] = []
  const clusterOf = new Map<string, number>()
  predicted.forEach((c, i) => {
    for (const id of c.report_ids) clusterOf.set(id, i)
    for (let a = 0; a < c.report_ids.length; a++) {
      for (let b = a + 1; b < c.report_ids.length; b++) {
        const x = c.report_ids[a]!, y = c.report_ids[b]!
        if (label.get(x) === label.get(y)) tp++
        else { fp++; falseMerges.push([x, y]) }
      }
    }
  })
  const byLabel = new Map<string, string[]>()
  for (const [id, l] of label) byLabel.set(l, [...(byLabel.get(l) ?? []), id])
  let truePairs = 0
  const missedMerges: [string, string][] = []
  for (const ids of byLabel.values()) {
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        truePairs++
        if (clusterOf.get(ids[a]!) !== clusterOf.get(ids[b]!)) missedMerges.push([ids[a]!, ids[b]!])
      }
    }
  }
  const fn = truePairs - tp
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = truePairs === 0 ? 1 : tp / truePairs
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1, tp, fp, fn, claims: label.size, incidents: byLabel.size, predicted: predicted.length, falseMerges, missedMerges }
}

export function evaluate(lines = loadLabelled()) {
  const { incidents } = resolveInMemory(toClaims(lines))
  return pairwise(incidents, new Map(lines.map((l) => [l.report_id, l.incident])))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = loadLabelled()
  const r = evaluate(lines)
  const scenario = new Map(lines.map((l) => [l.report_id, `${l.incident} (${l.scenario})`]))
  if (process.argv.includes('--json')) {
    const { falseMerges, missedMerges, ...figures } = r
    console.log(JSON.stringify({ ...figures, false_merges: falseMerges.length, missed_merges: missedMerges.length }))
  } else {
    console.log(`Labelled resolution set: ${r.claims} claims in ${r.incidents} incidents; resolver made ${r.predicted} incidents`)
    console.log(`Pairwise precision ${r.precision.toFixed(4)}  recall ${r.recall.toFixed(4)}  F1 ${r.f1.toFixed(4)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn}; target F1 >= 0.95: ${r.f1 >= 0.95 ? 'met' : 'NOT met'})`)
    for (const [x, y] of r.falseMerges.slice(0, 20)) console.log(`  merged apart: ${scenario.get(x)}  +  ${scenario.get(y)}`)
    for (const [x, y] of r.missedMerges.slice(0, 20)) console.log(`  kept apart:   ${scenario.get(x)}  /  ${scenario.get(y)}`)
  }
  process.exitCode = r.f1 >= 0.95 ? 0 : 1
}
