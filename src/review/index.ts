/**
 * Review: people, their rights, and every change on the record. Analysts accept, correct
 * and reject reports; editors merge, split and grade incidents; admins manage users. Each
 * action is a store function returning a `Result` (`not_found`, `conflict`, `invalid`,
 * `forbidden`), checks the version the reviewer saw, and commits with its entry in the
 * hash-chained audit log that `verifyAudit` checks.
 *
 * @example
 * const alice = (await createUser(db, { name: 'alice', role: 'editor', password: 's3cret-pass' })).value
 * const r = await setGrade(db, alice, 'inc_…', 'confirmed', 'acknowledged by the Russian MoD', 3)
 * if (!r.ok && r.error.code === 'conflict') // someone changed it first: reload
 */
export { can, ACTIONS, SYSTEM_ACTOR, type Action, type Actor } from './roles.ts'
export type { ReviewError, ReviewErrorCode } from './review-error.ts'
export { appendAudit, verifyAudit, listAudit, canonicalJson, entryHash, GENESIS_HASH, type AuditEntry, type AuditInput, type AuditVerdict } from './audit-log.ts'
export { createUser, createToken, authenticateToken, verifyPassword, findUser, revokeTokens, hashPassword, tokenHash, type User } from './users.ts'
export {
  reviewQueue, acceptReport, correctReport, rejectReport, acceptIncident, mergeIncidents, splitIncident, setGrade, addNote, CORRECTABLE_FIELDS,
  type ReportState, type IncidentState, type QueueReport, type QueueIncident, type CorrectableField,
} from './review-actions.ts'
