/**
 * Environment, parsed once at the edge. Everything else receives plain options.
 */
import { z } from 'zod'
import { resolve } from 'node:path'

const Env = z.object({
  HARMWATCH_HOME: z.string().min(1).optional(),
  HARMWATCH_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  HARMWATCH_DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
})

export interface Config {
  /** Workspace folder: embedded database and evidence. */
  home: string
  databaseUrl: string | undefined
  databaseSchema: string | undefined
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('HARMWATCH_') && v !== '')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`Cannot read the environment: ${issue?.path.join('.')} ${issue?.message}`)
  }
  return {
    home: resolve(cwd, parsed.data.HARMWATCH_HOME ?? 'harmwatch-data'),
    databaseUrl: parsed.data.HARMWATCH_DATABASE_URL,
    databaseSchema: parsed.data.HARMWATCH_DATABASE_SCHEMA,
  }
}

export const TOOL_VERSION = 'harmwatch/0.1.0'
