import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { evaluate, loadLabelled, toClaims } from '../../scripts/eval-resolve.ts'
import { incidentFigures, reconcileRange, resolveInMemory, Resolver, type Claim } from '../../src/resolve/index.ts'

const lines = loadLabelled()

describe('resolution on the labelled set', () => {
  it('is a set of at least 300 claims in at least 100 incidents with near misses', () => {
    assert.ok(lines.length >= 300)
    assert.ok(new Set(lines.map((l) => l.incident)).size >= 100)
    for (const s of ['near-miss:next-day', 'near-miss:neighbour', 'near-miss:other-perpetrator', 'near-miss:protest']) {
      assert.ok(lines.some((l) => l.scenario.startsWith(s)), s)
    }
  })

  it('reaches pairwise F1 >= 0.95', (t) => {
    const r = evaluate(lines)
    t.diagnostic(`pairwise precision ${r.precision.toFixed(4)}, recall ${r.recall.toFixed(4)}, F1 ${r.f1.toFixed(4)}`)
    assert.ok(r.f1 >= 0.95, `F1 ${r.f1.toFixed(4)} (precision ${r.precision.toFixed(4)}, recall ${r.recall.toFixed(4)})`)
  })

  it('gives the same incidents whatever the input order', () => {
    const claims = toClaims(lines)
    const a = resolveInMemory(claims).incidents.map((i) => i.report_ids.join(',')).sort()
    const reversed = resolveInMemory([...claims].reverse()).incidents.map((i) => i.report_ids.join(',')).sort()
    assert.deepEqual(reversed, a)
  })

  it('never puts a protest in an attack incident', () => {
    const claims = toClaims(lines)
    const kind = new Map(claims.map((c) => [c.id, c.event_type]))
    for (const inc of resolveInMemory(claims).incidents) {
      assert.equal(new Set(inc.report_ids.map((id) => kind.get(id) === 'Protests')).size, 1, inc.report_ids.join(','))
    }
  })
})

describe('incident figures', () => {
  const base: Claim = {
    id: 'rep_a_0', source_id: 'src_a', outlet: 'SNHR', published: '2018-09-08', date: '2018-09-08', date_end: null,
    event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', kind: null, perpetrator: 'russia', weapon: 'airstrike',
    weapons: ['airstrike'], targets: ['school'], places: [{ name: 'Hass', lat: 35.61, lon: 36.6, precision: 1, place_id: 'C1', admin1: 'Idlib', admin2: null }],
    killed: { min: 2, max: 2 }, injured: null, children_killed: null, reported_by: ['SNHR'],
  }
  const variant = (id: string, patch: Partial<Claim>): Claim => ({ ...base, id, source_id: `src_${id}`, ...patch })

  it('reconciles tolls as a range, never a sum', () => {
    assert.deepEqual(reconcileRange([{ min: 2, max: 2 }, { min: 3, max: 3 }, { min: 2, max: null }]), { min: 2, max: 3 })
    assert.deepEqual(reconcileRange([{ min: 2, max: 2 }, { min: 12, max: null }]), { min: 2, max: null })
    assert.deepEqual(reconcileRange([null, { min: null, max: null }]), { min: null, max: null })
  })

  it('counts two outlets quoting one SNHR statement as one source, and grades', () => {
    const quoting = variant('b', { outlet: 'Enab Baladi', reported_by: ['SNHR'], killed: { min: 3, max: 3 } })
    let f = incidentFigures([base, quoting])
    assert.equal(f.independent_sources, 1)
    assert.equal(f.grade, 'weak')
    assert.deepEqual(f.killed, { min: 2, max: 3 })
    f = incidentFigures([base, quoting, variant('c', { outlet: 'SOHR', reported_by: [] })])
    assert.equal(f.independent_sources, 2)
    assert.equal(f.grade, 'fair')
    assert.match(f.grade_reasons[0]!, /2 independent sources agree/)
    f = incidentFigures([base, variant('d', { outlet: 'SOHR', reported_by: [], perpetrator: 'opposition' })])
    assert.equal(f.grade, 'contested')
    f = incidentFigures([base, variant('e', { outlet: 'SOHR', reported_by: [], weapon: 'shelling_artillery', weapons: ['shelling_artillery'] })])
    assert.equal(f.grade, 'contested')
    assert.match(f.grade_reasons.join(' '), /ground forces/)
  })

  it('takes place and date from the most precise claims', () => {
    const vague = variant('f', { places: [{ name: 'Idlib countryside', lat: 35.8, lon: 36.6, precision: 3, place_id: null, admin1: 'Idlib', admin2: null }], date: '2018-09-08' })
    const f = incidentFigures([vague, base])
    assert.deepEqual(f.places.map((p) => p.name), ['Hass'])
    assert.equal(f.precision, 1)
  })

  it('joins a report to the incident consensus, not to its nearest member', () => {
    // Three villages 4 km apart in a row: A and C must not be chained through B.
    const at = (id: string, lon: number, place: string) => variant(id, { places: [{ name: place, lat: 35.6, lon, precision: 1, place_id: place, admin1: 'Idlib', admin2: null }] })
    const r = new Resolver()
    const a = r.add(at('a', 36.50, 'A'))
    const b = r.add(at('b', 36.545, 'B'))
    const c = r.add(at('c', 36.59, 'C'))
    assert.equal(b.joined, false)
    assert.equal(c.joined, false)
    assert.notEqual(a.cluster, c.cluster)
    const again = r.add(at('d', 36.5001, 'A'))
    assert.equal(again.cluster, a.cluster)
  })
})
