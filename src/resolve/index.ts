/**
 * Resolution: reports (claims) of the same attack become one incident, and incidents are
 * read back through the one shared `IncidentFilter`.
 *
 * - `resolvePending(store)` (called by the pipeline after extraction) attaches each new
 *   report to the incident it matches or founds one, without recomputing the store;
 *   `resolveAll(store)` rebuilds every incident deterministically.
 * - `resolveInMemory(claims)` / `Resolver` are the pure core (benchmark, evaluation).
 * - `incidentFigures(claims)`: tolls as ranges (never sums), place and date from the most
 *   precise claims, independent sources, grade with reasons.
 * - `listIncidents(db, filter)`, `getIncident(db, id)` and `redactForViewer(detail)` are
 *   what the CLI, the API, the exports and the brief read incidents with.
 *
 * Non-attack events (event_type "Strategic developments", "Protests", "Riots", or any
 * event with `kind` set) never merge into attack incidents: they become incidents of their
 * own event type, merged only with reports of the same kind, day and place.
 *
 * @example
 * await resolvePending(store)
 * const { items, next_cursor } = await listIncidents(store.db, { from: '2018-09-01', area: 'Idleb' })
 */
export { resolvePending, resolveAll, refreshIncident, insertIncident, incidentIdFor, claimsOfIncidents } from './resolve-store.ts'
export { listIncidents, getIncident, redactForViewer, incidentFilterWhere, membersOf, toIncidentView, BadCursorError, SENSITIVE_FIELDS, type ReportView, type IncidentDetail } from './list-incidents.ts'
export { resolveInMemory, Resolver, type Cluster, type AddResult } from './resolve-in-memory.ts'
export { incidentFigures, reconcileRange, claimSources, sourceKey, gradeOf, type IncidentFigures } from './incident-figures.ts'
export { claimFromEvent, type Claim, type ClaimPlace } from './claim.ts'
export { matchScore, perpetratorRelation, weaponClass, MATCH_THRESHOLD, isNonAttack } from './match-claim.ts'
export { areaKey, areaKeySql } from './area-key.ts'
