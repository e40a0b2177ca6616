/**
 * Serving the app over HTTP on Node: `startServer` listens (port 0 = ephemeral, for tests)
 * and returns the URL and a `close()` that stops listening.
 */
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import type { ApiDeps } from './deps.ts'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Where `npm run build:web` writes the UI. */
export const WEB_DIST = join(REPO_ROOT, 'web-dist')

export interface RunningServer { url: string; port: number; close(): Promise<void> }

export async function startServer(deps: ApiDeps, opts: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const app = createApp(deps)
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
