import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { backends } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import { getIncident, listIncidents, redactForViewer, resolvePending } from '../../src/resolve/index.ts'
import {
  acceptReport, addNote, authenticateToken, can, correctReport, createToken, createUser, listAudit, mergeIncidents, rejectReport,
  reviewQueue, setGrade, splitIncident, verifyAudit, verifyPassword, type Actor,
} from '../../src/review/index.ts'
import { addSource, HASS, MHAMBEL } from '../resolve/fixtures.ts'

describe('roles', () => {
  it('orders admin > editor > analyst > viewer', () => {
    assert.equal(can('viewer', 'read'), true)
    assert.equal(can('viewer', 'read_sensitive'), false)
    assert.equal(can('analyst', 'review'), true)
    assert.equal(can('analyst', 'merge'), false)
    assert.equal(can('editor', 'grade'), true)
    assert.equal(can('editor', 'manage_users'), false)
    assert.equal(can('admin', 'manage_users'), true)
  })
})

for (const backend of await backends()) {
  describe(`review on ${backend.name}`, () => {
    let store: Store
    let editor: Actor, analyst: Actor, viewer: Actor
    let hassIds: string[] = [], mhambelIds: string[] = []
    before(async () => {
      store = await backend.open()
      hassIds = [
        ...await addSource(store, { name: 'a', outlet: 'SNHR', published: '2018-09-08', events: [{ date: '2018-09-08', places: [HASS], killed: { min: 2, max: 2 }, reported_by: ['SNHR'] }] }),
        ...await addSource(store, { name: 'b', outlet: 'SOHR', published: '2018-09-08', events: [{ date: '2018-09-08', places: [HASS], killed: { min: 3, max: 3 } }] }),
      ]
      mhambelIds = await addSource(store, { name: 'c', outlet: 'Enab Baladi', published: '2018-09-08', events: [{ date: '2018-09-08', places: [MHAMBEL], killed: { min: 1, max: 1 } }] })
      await resolvePending(store)
      const mk = async (name: string, role: string, password?: string) => {
        const r = await createUser(store.db, { name, role, password })
        assert.ok(r.ok, JSON.stringify(r))
        return r.value
      }
      editor = await mk('erin', 'editor', 'correct horse battery')
      analyst = await mk('ana', 'analyst')
      viewer = await mk('vic', 'viewer')
    })
    after(async () => { await backend.dispose(store) })

    const incidentOf = async (reportId: string) => (await listIncidents(store.db, {})).items.find((i) => i.report_ids.includes(reportId))!

    it('creates users, checks passwords in constant time and keeps only token hashes', async () => {
      assert.equal((await createUser(store.db, { name: 'erin', role: 'viewer' })).ok, false)
      const bad = await createUser(store.db, { name: 'x', role: 'boss' })
      assert.ok(!bad.ok && bad.error.code === 'invalid')
      assert.equal((await verifyPassword(store.db, 'erin', 'correct horse battery'))?.role, 'editor')
      assert.equal(await verifyPassword(store.db, 'erin', 'wrong password'), undefined)
      assert.equal(await verifyPassword(store.db, 'nobody', 'whatever1'), undefined)
      const t = await createToken(store.db, analyst.id, 'laptop')
      assert.ok(t.ok)
      assert.equal((await authenticateToken(store.db, t.value))?.name, 'ana')
      assert.equal(await authenticateToken(store.db, t.value + 'x'), undefined)
      const stored = await store.db.selectFrom('api_tokens').select('token_hash').execute()
      assert.ok(stored.every((s) => s.token_hash !== t.value && /^[0-9a-f]{64}$/.test(s.token_hash)))
    })

    it('queues unreviewed reports and incidents, and accepts a report', async () => {
      const q = await reviewQueue(store.db, { limit: 10 })
      assert.equal(q.reports.length, 3)
      assert.equal(q.incidents.length, 2)
      const r = await acceptReport(store.db, analyst, hassIds[0]!, 1)
      assert.ok(r.ok)
      assert.equal(r.value.version, 2)
      assert.equal((await reviewQueue(store.db)).reports.length, 2)
      const v = await acceptReport(store.db, viewer, hassIds[1]!, 1)
      assert.ok(!v.ok && v.error.code === 'forbidden')
      const nf = await acceptReport(store.db, analyst, 'rep_nothing_0', 1)
      assert.ok(!nf.ok && nf.error.code === 'not_found')
    })

    it('gives the second of two concurrent editors a conflict and loses nothing', async () => {
      const [a, b] = await Promise.all([
        correctReport(store.db, analyst, hassIds[1]!, { field: 'killed', value: { min: 4, max: 4 }, reason: 'hospital list' }, 1),
        correctReport(store.db, editor, hassIds[1]!, { field: 'killed', value: { min: 5, max: 5 }, reason: 'later update' }, 1),
      ])
      const oks = [a, b].filter((x) => x.ok)
      const conflicts = [a, b].filter((x) => !x.ok && x.error.code === 'conflict')
      assert.equal(oks.length, 1)
      assert.equal(conflicts.length, 1)
      assert.match(!conflicts[0]!.ok ? conflicts[0]!.error.message : '', /version 2, you edited version 1/)
      const inc = await incidentOf(hassIds[1]!)
      const winner = a.ok ? 4 : 5
      assert.deepEqual(inc.killed, { min: 2, max: winner }, 'the incident follows the correction')
      const audit = await listAudit(store.db, { entityId: hassIds[1]! })
      assert.equal(audit.length, 1)
      assert.deepEqual(audit[0]!.before, { killed: { min: 3, max: 3 }, version: 1 })
      const invalid = await correctReport(store.db, analyst, hassIds[1]!, { field: 'perpetrator', value: 'martians', reason: 'x' }, 2)
      assert.ok(!invalid.ok && invalid.error.code === 'invalid')
      const noReason = await correctReport(store.db, analyst, hassIds[1]!, { field: 'perpetrator', value: 'russia', reason: ' ' }, 2)
      assert.ok(!noReason.ok && noReason.error.code === 'invalid')
    })

    it('refuses to merge an incident with itself and to split a one-report incident', async () => {
      const m = await incidentOf(mhambelIds[0]!)
      const self = await mergeIncidents(store.db, editor, [m.id, m.id], [m.version, m.version])
      assert.ok(!self.ok && self.error.code === 'invalid')
      assert.match(self.error.message, /with itself/)
      const split = await splitIncident(store.db, editor, m.id, [mhambelIds[0]!], m.version)
      assert.ok(!split.ok && split.error.code === 'invalid')
      assert.match(split.error.message, /single report/)
      const byAnalyst = await mergeIncidents(store.db, analyst, [m.id, 'inc_x'], [1, 1])
      assert.ok(!byAnalyst.ok && byAnalyst.error.code === 'forbidden')
    })

    it('merges, splits and grades incidents with versions checked', async () => {
      const h = await incidentOf(hassIds[0]!)
      const m = await incidentOf(mhambelIds[0]!)
      const stale = await mergeIncidents(store.db, editor, [h.id, m.id], [h.version - 1, m.version])
      assert.ok(!stale.ok && stale.error.code === 'conflict')
      const merged = await mergeIncidents(store.db, editor, [h.id, m.id], [h.version, m.version], 'same strike, two names')
      assert.ok(merged.ok, JSON.stringify(merged))
      assert.equal(merged.value.report_ids.length, 3)
      assert.equal(await getIncident(store.db, m.id), undefined)
      const split = await splitIncident(store.db, editor, h.id, [mhambelIds[0]!], merged.value.version, 'not the same')
      assert.ok(split.ok, JSON.stringify(split))
      assert.deepEqual(split.value.created.report_ids, [mhambelIds[0]])
      assert.equal(split.value.incident.report_ids.length, 2)
      const g = await setGrade(store.db, editor, h.id, 'confirmed', 'acknowledged by the MoD', split.value.incident.version)
      assert.ok(g.ok)
      const again = await setGrade(store.db, editor, h.id, 'discounted', 'dup', split.value.incident.version)
      assert.ok(!again.ok && again.error.code === 'conflict')
      // A rejected report leaves the figures; the reviewer's grade survives recomputation.
      const rep = await store.db.selectFrom('reports').select('version').where('id', '=', hassIds[0]!).executeTakeFirstOrThrow()
      assert.ok((await rejectReport(store.db, analyst, hassIds[0]!, 'duplicate of a later statement', rep.version)).ok)
      const detail = (await getIncident(store.db, h.id))!
      assert.equal(detail.grade, 'confirmed')
      assert.deepEqual(detail.report_ids, [hassIds[1]])
      assert.equal(detail.reports.length, 2)
    })

    it('keeps reviewer notes and victims\' names out of viewers\' reach and out of the audit log', async () => {
      const m = await incidentOf(mhambelIds[0]!)
      const noted = await addNote(store.db, analyst, m.id, 'Witness Abu X can be reached through the local council', m.version)
      assert.ok(noted.ok, JSON.stringify(noted))
      const rep = await store.db.selectFrom('reports').select('version').where('id', '=', mhambelIds[0]!).executeTakeFirstOrThrow()
      const named = await correctReport(store.db, analyst, mhambelIds[0]!, { field: 'victims', value: [{ name: 'Hala Q.' }], reason: 'family statement' }, rep.version)
      assert.ok(named.ok, JSON.stringify(named))
      const detail = (await getIncident(store.db, m.id))!
      assert.match(JSON.stringify(detail), /Abu X/)
      assert.match(JSON.stringify(detail), /Hala Q/)
      const shown = JSON.stringify(redactForViewer(detail))
      assert.doesNotMatch(shown, /Abu X|Hala Q/)
      const log = JSON.stringify(await listAudit(store.db, { limit: 1000 }))
      assert.doesNotMatch(log, /Abu X|Hala Q/)
      // Rejecting its only report takes the incident off every list, but keeps it on record.
      const v = await store.db.selectFrom('reports').select('version').where('id', '=', mhambelIds[0]!).executeTakeFirstOrThrow()
      assert.ok((await rejectReport(store.db, analyst, mhambelIds[0]!, 'not an attack', v.version)).ok)
      assert.equal((await listIncidents(store.db, {})).items.some((i) => i.id === m.id), false)
      assert.equal((await getIncident(store.db, m.id))?.status, 'rejected')
    })

    it('verifies the audit chain and detects an edited, a deleted and a truncated entry', async () => {
      const ok = await verifyAudit(store.db)
      assert.equal(ok.ok, true)
      assert.ok(ok.count >= 10, `expected a real chain, got ${ok.count}`)
      await store.exec('alter table audit_log disable trigger audit_log_no_update')
      try {
        await sql`update audit_log set reason = 'nothing happened' where seq = 5`.execute(store.db)
        const edited = await verifyAudit(store.db)
        assert.equal(edited.ok, false)
        assert.equal(edited.first_bad_seq, 5)
        assert.match(edited.reason!, /edited/)
        await sql`delete from audit_log where seq = 3`.execute(store.db)
        const deleted = await verifyAudit(store.db)
        assert.equal(deleted.first_bad_seq, 3)
        assert.match(deleted.reason!, /missing/)
      } finally {
        await store.exec('alter table audit_log enable trigger audit_log_no_update')
      }
    })

    it('detects deleted newest entries through the chain head', async () => {
      const fresh = await backend.open()
      try {
        for (const n of ['u1', 'u2', 'u3']) assert.ok((await createUser(fresh.db, { name: n, role: 'viewer' })).ok)
        assert.deepEqual(await verifyAudit(fresh.db), { ok: true, count: 3 })
        await fresh.exec('alter table audit_log disable trigger audit_log_no_update')
        await sql`delete from audit_log where seq = 3`.execute(fresh.db)
        const v = await verifyAudit(fresh.db)
        assert.equal(v.ok, false)
        assert.equal(v.first_bad_seq, 3)
        assert.match(v.reason!, /deleted/)
      } finally {
        await backend.dispose(fresh)
      }
    })
  })
}
