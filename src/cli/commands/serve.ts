import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openStore, type Store } from '../../store/index.ts'
import { startServer, WEB_DIST } from '../../api/server.ts'
import { UsageError, type Command, type Io } from '../command.ts'

/** Parses --port/--host/--public shared by `serve` and `start`. */
export function serveOptions(argv: string[], defaults: { public: boolean }): { port: number; host: string; public: boolean } {
  let values
  try {
    values = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' }, public: { type: 'boolean' }, private: { type: 'boolean' } } }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const port = values.port === undefined ? 8080 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0-65535), got "${values.port}"`)
  if (values.public && values.private) throw new UsageError('--public and --private are exclusive')
  return { port, host: values.host ?? '127.0.0.1', public: values.public ?? (values.private ? false : defaults.public) }
}

/** Waits for Ctrl-C / SIGTERM, then runs `stop`. */
export function untilSignal(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const handler = () => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
      void stop().then(resolve, resolve)
    }
    process.on('SIGINT', handler)
    process.on('SIGTERM', handler)
  })
}

/**
 * Serves the store (API, UI when built, alert webhooks in the background) until Ctrl-C, then
 * closes the server and the store. Shared by `serve` and `start`.
 */
export async function serveUntilSignal(store: Store, home: string, opts: { port: number; host: string; public: boolean }, webRoot: string | undefined, io: Io): Promise<void> {
  let server
  try {
    server = await startServer({ store, home, public: opts.public, webRoot }, { ...opts, deliverAlerts: true })
  } catch (e) {
    await store.close()
    throw e
  }
  io.out(`Harmwatch is serving on ${server.url}${opts.public ? ' (public: anonymous visitors read as viewers)' : ''}  (Ctrl-C to stop)`)
  await untilSignal(async () => {
    await server.close()
    await store.close()
  })
}

export const command: Command = {
  name: 'serve',
  summary: 'serve the REST API and the web UI',
  usage: `harmwatch serve [--port 8080] [--host 127.0.0.1] [--public]

Serves the API under /api (OpenAPI at /api/openapi.json) and the web UI (built into
web-dist/ by npm run build:web). Without --public nothing is readable without logging in;
with --public anonymous visitors read as viewers (never sensitive fields).`,
  async run(argv, { config, io }) {
    const opts = serveOptions(argv, { public: false })
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    const webRoot = existsSync(join(WEB_DIST, 'index.html')) ? WEB_DIST : undefined
    if (!webRoot) io.err('The web UI is not built (npm run build:web): serving the API only')
    await serveUntilSignal(store, config.home, opts, webRoot, io)
    return 0
  },
}
