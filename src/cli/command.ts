/**
 * A CLI command: one file in `commands/`, named after the command, exporting `command`.
 * Commands parse their own flags with node:util parseArgs and write through `io`, so
 * tests can run them in-process.
 */
import type { Config } from '../config.ts'

export interface Io {
  out(text: string): void
  err(text: string): void
  /** true when stdout is a terminal (progress bars), false when piped */
  isTty: boolean
  stdin: NodeJS.ReadableStream
}

export interface Command {
  name: string
  /** one line for `harmwatch --help` */
  summary: string
  /** full usage for `harmwatch NAME --help` */
  usage: string
  /** exit code: 0 ok, 1 partial failure / bad input, 2 usage error */
  run(argv: string[], ctx: { config: Config; io: Io }): Promise<number>
}

/** A usage error: printed as one line with the command's name, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
