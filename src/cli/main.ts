/**
 * `harmwatch`: the composition root. Finds the command in `commands/<name>.ts`, builds the
 * real dependencies (config from the environment, stdio) and maps errors to exit codes.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { loadConfig } from '../config.ts'
import { UsageError, type Command, type Io } from './command.ts'
import { errorMessage } from '../domain/index.ts'

const COMMANDS_DIR = fileURLToPath(new URL('./commands/', import.meta.url))

export async function loadCommands(): Promise<Command[]> {
  const files = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
  const mods = await Promise.all(files.map((f) => import(pathToFileURL(join(COMMANDS_DIR, f)).href) as Promise<{ command?: Command }>))
  return mods.flatMap((m) => (m.command ? [m.command] : [])).sort((a, b) => a.name.localeCompare(b.name))
}

function help(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'harmwatch: sourced, mapped records of attacks on civilians',
    '',
    'Usage: harmwatch COMMAND [options]     (harmwatch COMMAND --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Environment: HARMWATCH_HOME (workspace, default ./harmwatch-data),',
    '             HARMWATCH_DATABASE_URL (postgres://... to use a PostgreSQL server)',
  ].join('\n')
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(await loadCommands()))
    return 0
  }
  if (name === '--version') {
    io.out('harmwatch 0.1.0')
    return 0
  }
  const commands = await loadCommands()
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.err(`harmwatch: unknown command "${name}" (see harmwatch --help)`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage)
    return 0
  }
  try {
    return await command.run(rest, { config: loadConfig(), io })
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`harmwatch ${name}: ${e.message}`)
      return 2
    }
    io.err(`harmwatch ${name}: ${errorMessage(e)}`)
    if (process.env.HARMWATCH_DEBUG) io.err(String((e as Error).stack))
    return 1
  }
}

export const processIo: Io = {
  out: (text) => { process.stdout.write(text.endsWith('\n') ? text : text + '\n') },
  err: (text) => { process.stderr.write(text.endsWith('\n') ? text : text + '\n') },
  isTty: Boolean(process.stdout.isTTY),
  stdin: process.stdin,
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || process.env.HARMWATCH_BIN === '1') {
  const code = await main(process.argv.slice(2), processIo)
  // Let stdout drain before exiting (large JSON outputs through a pipe).
  process.exitCode = code
}
