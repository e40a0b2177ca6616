/**
 * Expected failures are values: batch stages return one `Result` per item so that one bad
 * report never aborts a run. Throw only for bugs and unrecoverable set-up errors.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error })

/** Message of anything thrown, for one-line errors. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message
  return String(e)
}
