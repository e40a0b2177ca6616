/**
 * What every route module of the API receives, and the auth helpers routes use. Route
 * modules (ours and `monitor-routes.ts`) export `(deps: ApiDeps) => Hono<ApiEnv>` and guard
 * each route with `requireRole(...)`; `currentUser(c)` tells who is asking (an anonymous
 * visitor of a `--public` instance is a viewer named `anonymous`).
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { Role } from '../domain/index.ts'
import type { Store } from '../store/index.ts'

export interface ApiDeps {
  store: Store
  /** workspace folder (evidence originals live under it) */
  home: string
  /** anonymous visitors may read as viewers (the demo's default) */
  public: boolean
  /** optional geocoder handed to routes that resolve place names */
  geocoder?: unknown
  /** folder of the built web UI; omitted: API only */
  webRoot?: string | undefined
  /** request body limit in bytes (default 1 MiB) */
  bodyLimit?: number | undefined
  /** login attempts allowed per name+IP per minute (default 5) */
  loginAttemptsPerMinute?: number | undefined
}

export interface ApiUser {
  id: string
  name: string
  role: Role
  /** true for the anonymous viewer of a public instance */
  anonymous?: boolean
}

export interface ApiEnv {
  Variables: { user: ApiUser | null }
}

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, editor: 2, admin: 3 }

/** true when `role` has at least the rights of `needed` (admin > editor > analyst > viewer). */
export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed]
}

/** One error type for the whole API: status, a machine code and a one-line message. */
export class HttpError extends Error {
  override name = 'HttpError'
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503
  readonly code: string
  readonly details: unknown
  constructor(status: HttpError['status'], code: string, message: string, details?: unknown) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }
}

/** The caller, or null when nobody is logged in on a private instance. */
export function currentUser(c: Context<ApiEnv>): ApiUser | null {
  return c.get('user') ?? null
}

/** The caller's role, or null. Sensitive fields go only to analysts and above. */
export function canSeeSensitive(user: ApiUser | null): boolean {
  return user !== null && atLeast(user.role, 'analyst')
}

/**
 * Middleware: 401 without a user, 403 when the user's role is below `role`.
 * `requireRole('viewer')` is "anyone who may read".
 */
export function requireRole(role: Role): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const user = currentUser(c)
    if (!user) throw new HttpError(401, 'unauthenticated', 'Log in (POST /api/login) or send "Authorization: Bearer <token>"')
    if (!atLeast(user.role, role)) throw new HttpError(403, 'forbidden', `This needs the ${role} role; you are ${user.role}`)
    await next()
  }
}
