/**
 * Serving the app over HTTP on Node: `startServer` listens (port 0 = ephemeral, for tests),
 * mounts the monitoring stage's routes when `monitor-routes.ts` is present, and returns the
 * URL and a `close()` that stops listening.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp, type RouteModule } from './app.ts'
import type { ApiDeps } from './deps.ts'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Where `npm run build:web` writes the UI. */
export const WEB_DIST = join(REPO_ROOT, 'web-dist')

/** Route modules of other stages that exist in this checkout. */
export async function optionalRouteModules(): Promise<RouteModule[]> {
  const file = fileURLToPath(new URL('./monitor-routes.ts', import.meta.url))
  if (!existsSync(file)) return []
  const mod = (await import(pathToFileURL(file).href)) as { monitorRoutes?: RouteModule }
  return mod.monitorRoutes ? [mod.monitorRoutes] : []
}

export interface RunningServer { url: string; port: number; close(): Promise<void> }

export async function startServer(deps: ApiDeps, opts: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const app = createApp(deps, await optionalRouteModules())
  const host = opts.host ?? '127.0.0.1'
  return await new Promise<RunningServer>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => {
          const s = server as { closeAllConnections?: () => void; close: (cb: () => void) => void }
          s.closeAllConnections?.()
          s.close(() => done())
        }),
      })
    })
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new Error(`Cannot listen on ${host}:${opts.port}: the port is in use`) : e))
  })
}
