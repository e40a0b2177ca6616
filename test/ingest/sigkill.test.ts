import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openStore } from '../../src/store/index.ts'
import { evidencePath, sweepTemporaries } from '../../src/ingest/index.ts'
import { seedWorkspace, tempDir } from './_fixtures.ts'

const CHILD = fileURLToPath(new URL('./_ingest-child.ts', import.meta.url))
const FILES = 3000
const ROUNDS = 3

/**
 * Runs an ingest child and SIGKILLs it at a random point: after a random number (1-100) of
 * acknowledgements of sources not known before, plus a random 0-150 ms, so that kills land
 * inside transactions, between them, and while evidence files are being written.
 */
function ingestAndKill(home: string, input: string, known: ReadonlyMap<string, string>): Promise<{ acked: Map<string, string>; finished: boolean; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'kill', home, input, '20'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const acked = new Map<string, string>()
    let finished = false
    let buffered = ''
    let stderr = ''
    let timer: NodeJS.Timeout | undefined
    let fresh = 0
    const target = 1 + Math.floor(Math.random() * 100)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        const m = /^ack (src_[0-9a-f]{16}) ([0-9a-f]{64})$/.exec(line)
        if (m) {
          acked.set(m[1]!, m[2]!)
          if (!known.has(m[1]!)) fresh++
        }
        if (line === 'done') finished = true
      }
      if (fresh >= target && timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 150))
    })
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal === null && code !== 0) reject(new Error(`ingest child failed (${code}): ${stderr}`))
      else resolve({ acked, finished, signal })
    })
  })
}

describe('an ingest killed with SIGKILL', () => {
  const dir = tempDir('sigkill')
  after(() => rmSync(dir, { recursive: true, force: true }))

  it(`keeps every acknowledged source intact and nothing partial, over ${ROUNDS} kills`, async (t) => {
    const input = join(dir, 'reports')
    mkdirSync(input)
    for (let i = 0; i < FILES; i++) {
      writeFileSync(join(input, `r${String(i).padStart(5, '0')}.txt`), `Report ${i}: shelling hit village ${i % 97} in the early hours; ${i % 7} civilians were reported killed.\n`)
    }
    const home = join(dir, 'home')
    await seedWorkspace(home)
    const acked = new Map<string, string>()
    for (let round = 0; round < ROUNDS; round++) {
      // Each round reopens the store the previous kill left behind.
      const r = await ingestAndKill(home, input, acked)
      assert.equal(r.signal, 'SIGKILL')
      assert.ok(!r.finished, `round ${round}: the child finished before it was killed; the test proved nothing`)
      t.diagnostic(`round ${round}: killed after ${r.acked.size} acknowledgements (${[...r.acked.keys()].filter((id) => !acked.has(id)).length} new)`)
      for (const [id, sha] of r.acked) acked.set(id, sha)
    }
    assert.ok(acked.size > 0)
    const store = await openStore({ home })
    try {
      const rows = await store.db.selectFrom('sources').leftJoin('source_texts', 'source_texts.source_id', 'sources.id')
        .select(['sources.id', 'sources.sha256', 'sources.byte_size', 'source_texts.text']).execute()
      const byId = new Map(rows.map((r) => [r.id, r]))
      for (const [id, sha] of acked) {
        const row = byId.get(id)
        assert.ok(row, `acknowledged source ${id} is missing after the kill`)
        assert.equal(row.sha256, sha)
      }
      // Nothing partial: every row, acknowledged or not, has its text and an intact original.
      for (const row of rows) {
        assert.ok(row.text, `source ${row.id} has no text`)
        const bytes = readFileSync(evidencePath(home, row.sha256))
        assert.equal(bytes.length, row.byte_size)
        assert.equal(createHash('sha256').update(bytes).digest('hex'), row.sha256, `evidence of ${row.id} does not hash to its name`)
      }
      assert.ok(rows.length < FILES, 'the kills stopped the runs part-way')
      // Temporary copies the kills left behind are never referenced, and are swept away.
      await sweepTemporaries(home, 0)
      const left = (readdirSync(join(home, 'evidence'), { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'))
      assert.deepEqual(left, [])
      t.diagnostic(`${rows.length} sources in the store, ${acked.size} acknowledged`)
    } finally {
      await store.close()
    }
  })
})
