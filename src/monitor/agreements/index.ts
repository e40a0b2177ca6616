/**
 * Agreements and their violations: a ceasefire, de-escalation or demilitarisation deal with
 * its parties, dates, zones (polygons, or bands along a line or a perimeter, computed with
 * turf) and obligations with deadlines. The violations report lists the incidents inside a
 * zone after it took effect, by perpetrator and by week, with each deadline's status.
 *
 * @example
 * const loaded = await loadAgreementFile('demo/agreements/sochi-2018.json')
 * if (!loaded.ok) throw new Error(loaded.error)
 * await addAgreement(store.db, loaded.value)
 * const report = await agreementViolations(store.db, 'sochi-2018')
 */
export { Agreement, AgreementZone, Obligation, ObligationStatus, type AgreementInput } from './agreement-schema.ts'
export { checkPolygon, resolveZone, type ResolvedZone, type ZoneConstruction } from './resolve-zone.ts'
export { loadAgreementFile, parseAgreement, type LoadedAgreement } from './load-agreement-file.ts'
export {
  addAgreement, listAgreements, getAgreement, obligationState,
  type AgreementSummary, type AgreementDetail, type ObligationView, type ObligationState, type ZoneSummary,
} from './agreement-repository.ts'
export { agreementViolations, weekStart, type ViolationsReport, type ViolationIncident, type ViolationGroup, type ViolationsOptions } from './agreement-violations.ts'
export { sumRanges, formatRange } from './sum-ranges.ts'
