import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { freshPglite } from '../support/stores.ts'
import type { Store } from '../../src/store/index.ts'
import { areaKey, areaKeySql } from '../../src/resolve/index.ts'

const SAME = [
  ['Idlib', 'Idleb', 'IDLIB Governorate', 'idlib province'],
  ['Jisr al-Shughur', 'Jisr Ash-Shughour', 'Jisr-Ash-Shugur', 'Jisr al Shughour'],
  ["Ma'arrat An Nu'man", 'Maarat al-Numan', "Ma'arrat al-Nu'man"],
  ['Khan Sheikhoun', 'Khan Shaykhun', 'Khan Shaykhoun'],
  ['Harem', 'Harim', 'Harem District'],
  ['Al-Hasakah', 'Hasakeh', 'Hasaka'],
  ["Dar'a", 'Daraa', 'Deraa'],
]
const DIFFERENT = [['Idlib', 'Hama'], ['Ariha', 'Harem'], ['Aleppo', 'Afrin'], ['Homs', 'Hama']]

describe('area keys', () => {
  let store: Store
  before(async () => { store = await freshPglite() })
  after(async () => { await store.close() })

  it('agree across transliterations and differ across places', () => {
    for (const group of SAME) assert.equal(new Set(group.map(areaKey)).size, 1, group.join(' / '))
    for (const [a, b] of DIFFERENT) assert.notEqual(areaKey(a!), areaKey(b!), `${a} / ${b}`)
    assert.equal(areaKey('إدلب'), '')
  })

  it('are computed the same way in SQL', async () => {
    for (const name of [...SAME.flat(), ...DIFFERENT.flat()]) {
      const r = await sql<{ k: string }>`select ${areaKeySql(sql`${name}::text`)} as k`.execute(store.db)
      assert.equal(r.rows[0]!.k, areaKey(name), name)
    }
  })
})
