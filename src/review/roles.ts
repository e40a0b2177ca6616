/**
 * Who may do what. Roles are ordered admin > editor > analyst > viewer and each has the
 * rights of those below it: viewers read what is not sensitive; analysts also read
 * sensitive fields and review reports and incidents (accept, correct, reject); editors also
 * merge, split, grade, ingest and re-resolve; admins also manage users and tokens.
 */
import type { Role } from '../domain/index.ts'

export const ACTIONS = {
  read: 'viewer',
  read_sensitive: 'analyst',
  review: 'analyst',
  merge: 'editor',
  split: 'editor',
  grade: 'editor',
  ingest: 'editor',
  resolve: 'editor',
  manage_users: 'admin',
  verify_audit: 'viewer',
  read_audit: 'analyst',
} as const satisfies Record<string, Role>
export type Action = keyof typeof ACTIONS

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, editor: 2, admin: 3 }

/** true when `role` may perform `action`. */
export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[ACTIONS[action]]
}

/** Who acts: a user (API/CLI), or the system itself (`{ id: 'system', name: 'system', role: 'admin' }`). */
export interface Actor {
  id: string
  name: string
  role: Role
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', name: 'system', role: 'admin' as const })
