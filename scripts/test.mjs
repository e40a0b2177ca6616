#!/usr/bin/env node
// `npm test`: type-check, then every *.test.ts under src/ and test/ with node:test through tsx.
// (Node 20's test runner does not expand globs itself.) Extra arguments filter files by substring.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'

const filters = process.argv.slice(2)
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (name === 'node_modules' || name.startsWith('.')) return []
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : []
  })
}
const files = ['src', 'test'].flatMap(walk).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort()
if (filters.length === 0) {
  const tsc = spawnSync('npx', ['tsc', '--noEmit'], { stdio: 'inherit' })
  if (tsc.status !== 0) process.exit(tsc.status ?? 1)
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' })
process.exit(r.status ?? 1)
