/**
 * The HTTP surface of Harmwatch: the REST API under /api (incidents with the shared filter,
 * claims with evidence, sources and originals, stats, exports, review actions, and the
 * monitoring stage's routes) and the built web UI, with sessions, bearer tokens and roles.
 * `createApp(deps)` builds the Hono app (tests call `app.request()`); `startServer` listens.
 * Route modules of other stages take `ApiDeps` and guard routes with `requireRole`.
 *
 * @example
 * const server = await startServer({ store, home, public: true, webRoot: WEB_DIST }, { port: 8080 })
 * console.log(`serving on ${server.url}`)
 */
export { createApp, type RouteModule } from './app.ts'
export { startServer, WEB_DIST, REPO_ROOT, type RunningServer } from './server.ts'
export { HttpError, requireRole, currentUser, canSeeSensitive, atLeast, type ApiDeps, type ApiEnv, type ApiUser } from './deps.ts'
export { listIncidents, allIncidents, getIncident, type IncidentListItem, type IncidentPage, type IncidentDetail } from './incident-query.ts'
export { openApiDocument } from './openapi.ts'
export { createUserWithPassword, issueToken, RateLimiter, SESSION_COOKIE } from './auth.ts'
