import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { openStore } from '../../src/store/index.ts'
import { resolvePending } from '../../src/resolve/index.ts'
import type { Config } from '../../src/config.ts'
import { command as incidents } from '../../src/cli/commands/incidents.ts'
import { command as review } from '../../src/cli/commands/review.ts'
import { command as user } from '../../src/cli/commands/user.ts'
import { command as audit } from '../../src/cli/commands/audit.ts'
import type { Command } from '../../src/cli/command.ts'
import { addSource, HASS, SARAQIB } from '../resolve/fixtures.ts'

describe('review, user, audit and incidents commands', () => {
  let home: string
  let config: Config
  const run = async (cmd: Command, argv: string[], stdin = '') => {
    const out: string[] = [], errs: string[] = []
    const code = await cmd.run(argv, { config, io: { out: (t) => out.push(t), err: (t) => errs.push(t), isTty: false, stdin: Readable.from([stdin]) } })
    return { code, out: out.join('\n'), err: errs.join('\n') }
  }
  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'hw-review-cli-'))
    config = { home, databaseUrl: undefined, databaseSchema: undefined }
    const store = await openStore({ home })
    await addSource(store, { name: 'one', outlet: 'SNHR', published: '2018-09-08', events: [{ date: '2018-09-08', places: [HASS], killed: { min: 2, max: 2 }, reported_by: ['SNHR'] }] })
    await addSource(store, { name: 'two', outlet: 'Smart News', published: '2018-09-09', events: [{ date: '2018-09-09', places: [SARAQIB], killed: { min: 1, max: 1 } }] })
    await resolvePending(store)
    await store.close()
  })
  after(() => rmSync(home, { recursive: true, force: true }))

  it('adds users from stdin, reviews with --as, refuses stale versions, verifies the audit log', async () => {
    assert.equal((await run(user, ['add', 'erin', '--role', 'editor', '--password-stdin'], 'long enough password\n')).code, 0)
    const tok = await run(user, ['token', 'erin', '--label', 'cli'])
    assert.match(tok.out, /^hw_[\w-]{40,}$/)
    const list = JSON.parse((await run(incidents, ['--from', '2018-09-09', '--area', 'Idleb', '--json'])).out) as { id: string; version: number; places: { name: string; lat: number; lon: number; precision: number }[]; report_ids: string[]; source_ids: string[]; killed: unknown; grade: string }[]
    assert.equal(list.length, 1)
    const inc = list[0]!
    for (const k of ['id', 'date', 'date_end', 'places', 'perpetrator', 'weapon', 'targets', 'killed', 'injured', 'grade', 'source_ids', 'report_ids']) assert.ok(k in inc, k)
    assert.equal(inc.places[0]!.name, 'Saraqib')
    const stale = await run(review, ['grade', inc.id, 'confirmed', '--reason', 'acknowledged', '--version', String(inc.version - 1), '--as', 'erin'])
    assert.equal(stale.code, 1)
    assert.match(stale.err, /conflict/)
    assert.equal((await run(review, ['grade', inc.id, 'confirmed', '--reason', 'acknowledged', '--version', String(inc.version), '--as', 'erin'])).code, 0)
    const rep = inc.report_ids[0]!
    const fixed = await run(review, ['correct', rep, '--field', 'killed', '--value', '{"min":1,"max":2}', '--reason', 'hospital list', '--as', 'erin'])
    assert.equal(fixed.code, 0, fixed.err)
    const q = JSON.parse((await run(review, ['queue', '--json'])).out) as { reports: { id: string }[] }
    assert.equal(q.reports.length, 1)
    const nobody = await run(review, ['accept', rep, '--as', 'ghost'])
    assert.equal(nobody.code, 1)
    const v = await run(audit, ['verify', '--json'])
    assert.equal(v.code, 0)
    assert.deepEqual(JSON.parse(v.out), { ok: true, count: 4 })
    const verified = await run(audit, ['verify'])
    assert.match(verified.out, /intact: 4 entries/)
    assert.equal((await run(review, ['note', inc.id, '--text', 'call the council clerk', '--as', 'erin'])).code, 0)
    const shown = JSON.parse((await run(incidents, ['--id', inc.id, '--json'])).out) as { grade: string; killed: unknown }
    assert.equal(shown.grade, 'confirmed')
    assert.deepEqual(shown.killed, { min: 1, max: 2 })
    assert.doesNotMatch(JSON.stringify(shown), /council clerk/)
    assert.match((await run(incidents, ['--id', inc.id, '--json', '--as', 'erin'])).out, /council clerk/)
  })
})
