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
import { runDeliveryWorker } from '../monitor/alerts/index.ts'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Where `npm run build:web` writes the UI. */
export const WEB_DIST = join(REPO_ROOT, 'web-dist')

export interface RunningServer { url: string; port: number; close(): Promise<void> }

/**
 * `deliverAlerts`: also send due alert webhooks from the outbox every `alertIntervalMs`
 * while serving (the long-running process is where retries with backoff can happen).
 */
export async function startServer(deps: ApiDeps, opts: { port?: number; host?: string; deliverAlerts?: boolean; alertIntervalMs?: number } = {}): Promise<RunningServer> {
  const app = createApp(deps)
  const host = opts.host ?? '127.0.0.1'
  const running = await new Promise<RunningServer>((resolve, reject) => {
    // keep Node's own Request/Response: the alert worker's fetch runs in this process too
    const server = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host, overrideGlobalObjects: false }, (info: AddressInfo) => {
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
  if (!opts.deliverAlerts) return running
  const stop = new AbortController()
  const worker = runDeliveryWorker(deps.store.db, {
    signal: stop.signal,
    intervalMs: opts.alertIntervalMs ?? 10_000,
    onError: (e) => { process.stderr.write(`harmwatch: alert delivery failed: ${e instanceof Error ? e.message : String(e)}\n`) },
  })
  return {
    ...running,
    async close() {
      stop.abort()
      await worker
      await running.close()
    },
  }
}
