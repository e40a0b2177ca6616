/**
 * Users, passwords and API tokens. Passwords are kept as scrypt hashes and compared in
 * constant time; tokens are random and only their SHA-256 is stored, so a copy of the
 * database gives no working credential. Every change is written to the audit log.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import { err, ok, Role, type Result } from '../domain/index.ts'
import type { Database } from '../store/index.ts'
import { appendAudit } from './audit-log.ts'
import type { ReviewError } from './review-error.ts'
import { SYSTEM_ACTOR, type Actor } from './roles.ts'

export interface User { id: string; name: string; role: Role }

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 }

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, opts, (e, key) => (e ? reject(e) : resolve(key))))
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt, SCRYPT.keylen, SCRYPT)
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

// Compared against when the user does not exist, so that unknown names take as long as wrong passwords.
let dummyHash: Promise<string> | undefined

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex')

/** Creates a user; `actor` (default system) is recorded in the audit log. */
export async function createUser(db: Kysely<Database>, input: { name: string; role: string; password?: string | undefined; actor?: Actor }): Promise<Result<User, ReviewError>> {
  if (!NAME.test(input.name)) return err({ code: 'invalid', message: `Cannot create user "${input.name}": a name is 1-64 letters, digits, ".", "_", "@" or "-"` })
  const role = Role.safeParse(input.role)
  if (!role.success) return err({ code: 'invalid', message: `Cannot create user "${input.name}": role "${input.role}" is not one of admin, editor, analyst, viewer` })
  if (input.password !== undefined && input.password.length < 8) return err({ code: 'invalid', message: `Cannot create user "${input.name}": the password needs at least 8 characters` })
  const actor = input.actor ?? SYSTEM_ACTOR
  const password_hash = input.password !== undefined ? await hashPassword(input.password) : null
  const user: User = { id: `usr_${randomBytes(8).toString('hex')}`, name: input.name, role: role.data }
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('users').select('id').where('name', '=', input.name).executeTakeFirst()
    if (exists) return err({ code: 'conflict' as const, message: `Cannot create user "${input.name}": the name is taken` })
    await trx.insertInto('users').values({ ...user, password_hash }).execute()
    await appendAudit(trx, { actor: actor.name, action: 'user.create', entity_type: 'user', entity_id: user.id, after: { name: user.name, role: user.role, password: password_hash !== null } })
    return ok(user)
  })
}

export async function findUser(db: Kysely<Database>, name: string): Promise<User | undefined> {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('name', '=', name).executeTakeFirst()
}

/** Issues a new API token for a user: returned once, stored only as its hash. */
export async function createToken(db: Kysely<Database>, userId: string, label: string | null, actor: Actor = SYSTEM_ACTOR): Promise<Result<string, ReviewError>> {
  const token = `hw_${randomBytes(32).toString('base64url')}`
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', userId).executeTakeFirst()
    if (!user) return err({ code: 'not_found' as const, message: `Cannot create a token: no user with id "${userId}"` })
    const hash = tokenHash(token)
    await trx.insertInto('api_tokens').values({ token_hash: hash, user_id: userId, label }).execute()
    // The audit keeps a prefix of the hash (to tell tokens apart), never the token.
    await appendAudit(trx, { actor: actor.name, action: 'token.create', entity_type: 'user', entity_id: userId, after: { label, token_hash_prefix: hash.slice(0, 12) } })
    return ok(token)
  })
}

/** The user a token belongs to, or undefined. */
export async function authenticateToken(db: Kysely<Database>, token: string): Promise<User | undefined> {
  if (typeof token !== 'string' || token.length < 10 || token.length > 200) return undefined
  const hash = tokenHash(token)
  const row = await db.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.name', 'u.role']).where('t.token_hash', '=', hash).executeTakeFirst()
  if (!row) return undefined
  await db.updateTable('api_tokens').set({ last_used_at: new Date().toISOString() }).where('token_hash', '=', hash).execute()
  return row
}

/** The user when `password` is theirs, else undefined (same cost whether or not the name exists). */
export async function verifyPassword(db: Kysely<Database>, name: string, password: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(['id', 'name', 'role', 'password_hash']).where('name', '=', name).executeTakeFirst()
  if (!row || !row.password_hash) {
    dummyHash ??= hashPassword(randomBytes(12).toString('hex'))
    await passwordMatches(password, await dummyHash)
    return undefined
  }
  return (await passwordMatches(password, row.password_hash)) ? { id: row.id, name: row.name, role: row.role } : undefined
}

/** Revokes every token of a user with that label (or all, without a label). */
export async function revokeTokens(db: Kysely<Database>, userId: string, actor: Actor = SYSTEM_ACTOR): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('api_tokens').where('user_id', '=', userId).executeTakeFirst()
    const n = Number(r.numDeletedRows)
    if (n > 0) await appendAudit(trx, { actor: actor.name, action: 'token.revoke', entity_type: 'user', entity_id: userId, after: { revoked: n } })
    return n
  })
}
