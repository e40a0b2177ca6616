import { z } from 'zod'
import type { Target } from '../../domain/index.ts'

/** The target kinds that make a place a protected site (a subset of the contract's `Target`). */
export const SITE_KINDS = ['school', 'hospital_medical', 'civil_defence', 'market', 'bakery', 'mosque', 'idp_camp'] as const satisfies readonly Target[]
export const SiteKind = z.enum(SITE_KINDS)
export type SiteKind = z.infer<typeof SiteKind>

export const SITE_KIND_LABEL: Record<SiteKind, string> = {
  school: 'school', hospital_medical: 'hospital', civil_defence: 'civil defence centre', market: 'market',
  bakery: 'bakery', mosque: 'mosque', idp_camp: 'IDP camp',
}

export function isSiteKind(t: string): t is SiteKind {
  return (SITE_KINDS as readonly string[]).includes(t)
}

/**
 * A name key for matching sites: no diacritics, case, apostrophes or punctuation, and no
 * Arabic article, so "Al-Badriya Primary School" and "al Badriya primary school" agree.
 *
 * @example
 * normaliseSiteName("Syria Civil Defence centre in Taman'a") // => 'syria civil defence centre in tamana'
 */
export function normaliseSiteName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/['’‘`ʿʾ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b(al|el|the)\s+/g, '')
    .trim()
}
