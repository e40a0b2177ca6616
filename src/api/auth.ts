/**
 * Who is asking: a session cookie (the web UI, after `POST /api/login`), a bearer token (scripts
 * from R and Python), or nobody (an anonymous viewer when the instance is public). Session ids
 * and tokens are random; only their SHA-256 is stored. Login is rate-limited per name and IP.
 */
import { createHash, randomBytes } from 'node:crypto'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { getCookie, setCookie, deleteCookie } from 'hono/cookie'
import { z } from 'zod'
import type { Kysely } from 'kysely'
import type { Database } from '../store/index.ts'
import { Role } from '../domain/index.ts'
import { HttpError, currentUser, type ApiDeps, type ApiEnv, type ApiUser } from './deps.ts'
import { parseJsonBody } from './validate.ts'
import { authenticateToken, createToken, createUser, verifyPassword } from '../review/index.ts'

export const SESSION_COOKIE = 'hw_session'
const SESSION_HOURS = 12

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

const toUser = (r: { id: string; name: string; role: string }): ApiUser => ({ id: r.id, name: r.name, role: Role.parse(r.role) })

/** Creates a user with a password through the review stage (audited); throws on a refused name or password. */
export async function createUserWithPassword(db: Kysely<Database>, name: string, role: Role, password: string): Promise<ApiUser> {
  const r = await createUser(db, { name, role, password })
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** A new API token for a user (returned once, stored hashed). */
export async function issueToken(db: Kysely<Database>, userId: string, label: string | null = null): Promise<string> {
  const r = await createToken(db, userId, label)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

async function userForSession(db: Kysely<Database>, sid: string): Promise<ApiUser | null> {
  const row = await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.role'])
    .where('sessions.id_hash', '=', sha256(sid)).where('sessions.expires_at', '>', new Date().toISOString()).executeTakeFirst()
  return row ? toUser(row) : null
}

/** Middleware: sets `user` from the bearer token or session cookie, else anonymous viewer when public. */
export function authenticate(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    let user: ApiUser | null = null
    const header = c.req.header('authorization')
    if (header) {
      const m = /^Bearer\s+(\S{8,200})$/i.exec(header)
      if (!m?.[1]) throw new HttpError(401, 'bad_token', 'Authorization header must be "Bearer <token>"')
      const found = await authenticateToken(deps.store.db, m[1])
      user = found ? toUser(found) : null
      if (!user) throw new HttpError(401, 'bad_token', 'Unknown or revoked API token')
    } else {
      const sid = getCookie(c, SESSION_COOKIE)
      if (sid && sid.length <= 200) user = await userForSession(deps.store.db, sid)
    }
    if (!user && deps.public) user = { id: 'anonymous', name: 'anonymous', role: 'viewer', anonymous: true }
    c.set('user', user)
    await next()
  }
}

/** Fixed-window counter per key: enough for one process serving one workspace. */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; n: number }>()
  private readonly limit: number
  private readonly windowMs: number
  constructor(limit: number, windowMs: number) {
    this.limit = limit
    this.windowMs = windowMs
  }
  /** true when this attempt is allowed */
  take(key: string, now = Date.now()): boolean {
    const h = this.hits.get(key)
    if (!h || now - h.start >= this.windowMs) {
      if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k)
      this.hits.set(key, { start: now, n: 1 })
      return true
    }
    h.n++
    return h.n <= this.limit
  }
}

export const LoginBody = z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(200) }).meta({ id: 'LoginBody' })

function clientIp(c: Context): string {
  // Behind no proxy by design (127.0.0.1); the socket address is the client.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'local'
}

/** POST /login, POST /logout, GET /me. */
export function authRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()
  const limiter = new RateLimiter(deps.loginAttemptsPerMinute ?? 5, 60_000)
  app.post('/login', async (c) => {
    const body = await parseJsonBody(c, LoginBody)
    if (!limiter.take(`${body.name.toLowerCase()}|${clientIp(c)}`)) {
      c.header('Retry-After', '60')
      throw new HttpError(429, 'too_many_attempts', 'Too many login attempts for this name; wait a minute')
    }
    const row = await verifyPassword(deps.store.db, body.name, body.password)
    if (!row) throw new HttpError(401, 'bad_credentials', 'Wrong name or password')
    const sid = randomBytes(32).toString('base64url')
    const expires = new Date(Date.now() + SESSION_HOURS * 3600_000)
    await deps.store.db.deleteFrom('sessions').where('expires_at', '<', new Date().toISOString()).execute()
    await deps.store.db.insertInto('sessions').values({ id_hash: sha256(sid), user_id: row.id, expires_at: expires.toISOString() }).execute()
    setCookie(c, SESSION_COOKIE, sid, { httpOnly: true, sameSite: 'Strict', path: '/', expires, secure: new URL(c.req.url).protocol === 'https:' })
    return c.json({ user: toUser(row) })
  })
  app.post('/logout', async (c) => {
    const sid = getCookie(c, SESSION_COOKIE)
    if (sid) await deps.store.db.deleteFrom('sessions').where('id_hash', '=', sha256(sid)).execute()
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.json({ ok: true })
  })
  app.get('/me', (c) => c.json({ user: currentUser(c), public: deps.public }))
  return app
}
