/**
 * Fetching over HTTP(S) only, following redirects by hand so each hop's scheme is checked
 * (an http page may not redirect to file: or javascript:), loops are named, and the chain is
 * recorded as provenance.
 */
import { Readable } from 'node:stream'
import { TOOL_VERSION } from '../config.ts'
import { err, ok, errorMessage, type Result } from '../domain/index.ts'

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export interface FetchOptions {
  /** @default globalThis.fetch */
  fetch?: FetchLike | undefined
  /** @default 5 */
  maxRedirects?: number | undefined
  /** per request @default 30000 */
  timeoutMs?: number | undefined
  signal?: AbortSignal | undefined
  headers?: Record<string, string> | undefined
}

export interface Fetched {
  response: Response
  requestedUrl: string
  finalUrl: string
  redirects: string[]
}

const REDIRECT = new Set([301, 302, 303, 307, 308])

/** Checks a URL given by a user or a feed: absolute http(s) only. */
export function checkUrl(raw: string): Result<URL> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return err('not a valid absolute URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err(`unsupported URL scheme "${url.protocol}" (only http: and https:)`)
  return ok(url)
}

/** GETs a URL, following at most `maxRedirects` redirects; non-2xx (other than 304) is an error. */
export async function fetchFollowing(raw: string, options: FetchOptions = {}): Promise<Result<Fetched>> {
  const checked = checkUrl(raw)
  if (!checked.ok) return checked
  const doFetch = options.fetch ?? ((u, init) => fetch(u, init))
  const max = options.maxRedirects ?? 5
  const chain = [checked.value.href]
  let current = checked.value.href
  for (;;) {
    const signals = [AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(options.signal ? [options.signal] : [])]
    let response: Response
    try {
      response = await doFetch(current, {
        redirect: 'manual',
        signal: AbortSignal.any(signals),
        headers: { 'user-agent': `${TOOL_VERSION} (+evidence collection)`, ...options.headers },
      })
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause
      const why = (e as Error).name === 'TimeoutError' ? 'timed out' : cause?.code ?? cause?.message ?? errorMessage(e)
      return err(`request failed (${why})`)
    }
    if (REDIRECT.has(response.status)) {
      await response.body?.cancel().catch(() => undefined)
      const location = response.headers.get('location')
      if (!location) return err(`HTTP ${response.status} redirect without a Location header`)
      let next: string
      try { next = new URL(location, current).href } catch { return err(`redirect to an invalid URL "${location}"`) }
      const nextChecked = checkUrl(next)
      if (!nextChecked.ok) return err(`redirected to ${next}: ${nextChecked.error}`)
      if (chain.includes(next)) return err(`redirect loop (${[...chain, next].join(' -> ')})`)
      chain.push(next)
      if (chain.length - 1 > max) return err(`too many redirects (more than ${max})`)
      current = next
      continue
    }
    if ((response.status < 200 || response.status > 299) && response.status !== 304) {
      await response.body?.cancel().catch(() => undefined)
      return err(`HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`)
    }
    return ok({ response, requestedUrl: chain[0]!, finalUrl: current, redirects: chain.slice(1) })
  }
}

/** Response headers as provenance; cookies are credentials, not evidence. */
export function headersRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, key) => { if (key !== 'set-cookie') out[key] = value })
  return out
}

/** The body as chunks for `streamToEvidence` (an empty body yields nothing). */
export function bodyChunks(response: Response): AsyncIterable<Uint8Array> {
  if (!response.body) return (async function* () { /* empty */ })()
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>)
}
