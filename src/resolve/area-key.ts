/**
 * A spelling-tolerant key for admin area names, so that "Idlib", "Idleb" and "IDLIB
 * Governorate" select the same incidents. Transliterations of Arabic names differ mostly
 * in vowels, doubled letters and the article, so the key drops those: the first letter
 * stays, later vowels go, runs of one letter collapse ("Idlib" and "Idleb" -> "idlb").
 * The same rule is written in SQL (`areaKeySql`) so the filter runs in the database.
 */
import { sql, type RawBuilder } from 'kysely'

const SUFFIXES = /\b(governorate|province|district|subdistrict|sub-district|countryside|city|muhafazat|mantiqat|nahiyat)\b/g

/** The key of an area name, or '' when nothing is left. */
export function areaKey(name: string): string {
  let s = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  s = s.replace(SUFFIXES, ' ').replace(/^\s*(al|el|ar|as|ad|an|at|ash)[-\s']+/, '')
  s = s.replace(/[^\p{L}\p{N}]/gu, '')
  if (s === '') return ''
  return (s.slice(0, 1) + s.slice(1).replace(/[aeiouyw]/g, '')).replace(/(.)\1+/g, '$1')
}

/** The same key computed in SQL over a text column expression. */
export function areaKeySql(column: RawBuilder<unknown>): RawBuilder<string> {
  // unaccent is not installed everywhere: translate() covers the diacritics of transliterations
  const base = sql`regexp_replace(regexp_replace(regexp_replace(lower(translate(${column}, 'ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑñĀāĪīŪūḤḥṢṣṬṭẒẓ', 'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNnAaIiUuHhSsTtZz')), '\\m(governorate|province|district|subdistrict|sub-district|countryside|city|muhafazat|mantiqat|nahiyat)\\M', ' ', 'g'), '^\\s*(al|el|ar|as|ad|an|at|ash)[-\\s'']+', ''), '[^[:alnum:]]', '', 'g')`
  return sql<string>`regexp_replace(left(${base}, 1) || regexp_replace(substr(${base}, 2), '[aeiouyw]', '', 'g'), '(.)\\1+', '\\1', 'g')`
}
