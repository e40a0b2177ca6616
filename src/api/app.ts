/**
 * The HTTP application: the REST API under /api and the built web UI around it.
 * `createApp(deps)` is all a server (or a test, through `app.request()`) needs.
 *
 * @example
 * const app = createApp({ store, home, public: true, webRoot: 'web-dist' })
 * const res = await app.request('/api/incidents?from=2018-09-04&to=2018-09-04')
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { HttpError, type ApiDeps, type ApiEnv } from './deps.ts'
import { authRoutes, authenticate } from './auth.ts'
import { incidentRoutes } from './incident-routes.ts'
import { reviewRoutes } from './review-routes.ts'
import { openApiDocument } from './openapi.ts'
import { monitorRoutes } from './monitor-routes.ts'

export type { ApiDeps } from './deps.ts'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=UTF-8', '.js': 'text/javascript; charset=UTF-8', '.mjs': 'text/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.map': 'application/json', '.geojson': 'application/geo+json',
}

/** Route modules mounted under /api after ours (by default the monitoring stage's `monitorRoutes`). */
export type RouteModule = (deps: ApiDeps) => Hono<ApiEnv>

export function createApp(deps: ApiDeps, extra: RouteModule[] = [monitorRoutes]): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>()

  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'blob:'],
      workerSrc: ["'self'", 'blob:'], connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'self'"], frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
  }))

  const api = new Hono<ApiEnv>()
  const limit = (maxSize: number) => bodyLimit({
    maxSize,
    onError: () => { throw new HttpError(413, 'body_too_large', `Request body is over ${maxSize} bytes`) },
  })
  const small = limit(deps.bodyLimit ?? 1024 * 1024)
  // Dataset imports (POST /api/import) carry whole files; everything else is small JSON.
  const large = limit(Math.max(deps.bodyLimit ?? 0, 64 * 1024 * 1024))
  api.use('*', (c, next) => (c.req.path === '/api/import' ? large(c, next) : small(c, next)))
  api.use('*', authenticate(deps))
  api.get('/openapi.json', (c) => c.json(openApiDocument()))
  api.route('/', authRoutes(deps))
  api.route('/', reviewRoutes(deps))
  api.route('/', incidentRoutes(deps))
  for (const mod of extra) api.route('/', mod(deps))
  app.route('/api', api)
  // Unknown API paths are JSON 404s, never the UI's index.html.
  app.all('/api/*', () => { throw new HttpError(404, 'not_found', 'No such API route') })

  app.onError((e, c) => {
    if (e instanceof HttpError) {
      return c.json({ error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } }, e.status)
    }
    // Internals (SQL, stack, paths) stay in the server log, never in the response.
    console.error(`[api] ${c.req.method} ${new URL(c.req.url).pathname}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`)
    return c.json({ error: { code: 'internal', message: 'Internal error' } }, 500)
  })

  if (deps.webRoot) mountWeb(app, resolve(deps.webRoot))
  return app
}

/** The built single-page UI: files as they are, index.html for every other path (client routing). */
function mountWeb(app: Hono<ApiEnv>, root: string): void {
  const index = join(root, 'index.html')
  app.get('*', (c) => {
    let path: string
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname)
    } catch {
      throw new HttpError(400, 'invalid_request', 'Malformed path')
    }
    const file = normalize(join(root, path))
    if ((file === root || file.startsWith(root + sep)) && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/')
      return c.body(readFileSync(file), 200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      })
    }
    if (!existsSync(index)) return c.text('The web UI is not built: run npm run build:web', 404)
    return c.body(readFileSync(index), 200, { 'Content-Type': MIME['.html'] ?? 'text/html', 'Cache-Control': 'no-cache' })
  })
}
