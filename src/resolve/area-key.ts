/**
 * A spelling-tolerant key for admin area and place names, so that "Idlib", "Idleb" and
 * "IDLIB Governorate", or "Jisr al-Shughur" and "Jisr-Ash-Shugur", select the same
 * incidents. Transliterations of Arabic names differ mostly in vowels, in an "h" marking
 * a letter (gh/g, kh/k, sh/s), in doubled letters and in the article (al-, ash-, an-...),
 * so the key keeps the first letter and drops, after it, the articles, vowels, "h", "w",
 * "y" and repeats ("Idlib" and "Idleb" -> "idlb"). The same rule is written in SQL
 * (`areaKeySql`) so the filter runs in the database.
 */
import { sql, type RawBuilder } from 'kysely'

const SUFFIXES = /\b(governorate|province|district|subdistrict|sub-district|countryside|city|muhafazat|mantiqat|nahiyat)\b/g
const ARTICLES = /(^|[\s-])(al|el|ar|as|ash|ad|an|at|az)[-\s']+/g

/** The key of an area name, or '' when nothing is left (e.g. a name in Arabic script). */
export function areaKey(name: string): string {
  let s = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  s = s.replace(SUFFIXES, ' ').replace(ARTICLES, '$1').replace(/[^a-z0-9]/g, '')
  if (s === '') return ''
  return (s.slice(0, 1) + s.slice(1).replace(/[aeiouywh]/g, '')).replace(/(.)\1+/g, '$1')
}

/** The same key computed in SQL over a text column expression. */
export function areaKeySql(column: RawBuilder<unknown>): RawBuilder<string> {
  // unaccent is not installed everywhere: translate() covers the diacritics of transliterations
  const lowered = sql`lower(translate(${column}, 'ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑñĀāĪīŪūḤḥṢṣṬṭẒẓ', 'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNnAaIiUuHhSsTtZz'))`
  const noSuffix = sql`regexp_replace(${lowered}, '\\m(governorate|province|district|subdistrict|sub-district|countryside|city|muhafazat|mantiqat|nahiyat)\\M', ' ', 'g')`
  const noArticle = sql`regexp_replace(${noSuffix}, '(^|[[:space:]-])(al|el|ar|as|ash|ad|an|at|az)[-[:space:]'']+', '\\1', 'g')`
  const base = sql`regexp_replace(${noArticle}, '[^a-z0-9]', '', 'g')`
  return sql<string>`regexp_replace(left(${base}, 1) || regexp_replace(substr(${base}, 2), '[aeiouywh]', '', 'g'), '(.)\\1+', '\\1', 'g')`
}
