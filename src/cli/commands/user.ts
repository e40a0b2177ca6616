import { parseArgs } from 'node:util'
import { openStore } from '../../store/index.ts'
import { can, createToken, createUser, findUser, revokeTokens, SYSTEM_ACTOR, type Actor } from '../../review/index.ts'
import { UsageError, type Command, type Io } from '../command.ts'

async function readFirstLine(io: Io): Promise<string> {
  let data = ''
  for await (const chunk of io.stdin) {
    data += String(chunk)
    if (data.includes('\n')) break
  }
  return data.split(/\r?\n/)[0] ?? ''
}

export const command: Command = {
  name: 'user',
  summary: 'add users, issue and revoke API tokens',
  usage: `harmwatch user add NAME --role admin|editor|analyst|viewer [--password-stdin] [--as ADMIN]
harmwatch user token NAME [--label TEXT] [--as ADMIN]
harmwatch user revoke NAME [--as ADMIN]
harmwatch user list [--json]

Whoever can open the workspace's database administers it; --as names the admin recorded in
the audit log (default "system"). A token is printed once: only its SHA-256 is stored.`,
  async run(argv, { config, io }) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, label: { type: 'string' }, as: { type: 'string' }, json: { type: 'boolean' } },
    })
    const [sub, name] = positionals
    if (!sub || !['add', 'token', 'revoke', 'list'].includes(sub)) throw new UsageError('expected add, token, revoke or list')
    if (sub !== 'list' && !name) throw new UsageError(`"user ${sub}" needs a NAME`)
    if (sub === 'add' && !values.role) throw new UsageError('"user add" needs --role')
    const password = values['password-stdin'] ? await readFirstLine(io) : undefined
    const store = await openStore({ home: config.home, url: config.databaseUrl, schema: config.databaseSchema })
    try {
      let actor: Actor = SYSTEM_ACTOR
      if (values.as) {
        const u = await findUser(store.db, values.as)
        if (!u) { io.err(`harmwatch user: no user "${values.as}"`); return 1 }
        if (!can(u.role, 'manage_users')) { io.err(`harmwatch user: ${u.name} is ${u.role}; managing users needs admin`); return 1 }
        actor = u
      }
      if (sub === 'list') {
        const users = await store.db.selectFrom('users').select(['id', 'name', 'role', 'created_at']).orderBy('name').execute()
        if (values.json) io.out(JSON.stringify(users))
        else for (const u of users) io.out(`${u.name}  ${u.role}  ${u.id}`)
        return 0
      }
      if (sub === 'add') {
        const r = await createUser(store.db, { name: name!, role: values.role!, password, actor })
        if (!r.ok) { io.err(`harmwatch user: ${r.error.message}`); return 1 }
        io.out(values.json ? JSON.stringify(r.value) : `Added ${r.value.name} (${r.value.role})`)
        return 0
      }
      const user = await findUser(store.db, name!)
      if (!user) { io.err(`harmwatch user: no user "${name}"`); return 1 }
      if (sub === 'revoke') {
        const n = await revokeTokens(store.db, user.id, actor)
        io.out(`Revoked ${n} token(s) of ${user.name}`)
        return 0
      }
      const t = await createToken(store.db, user.id, values.label ?? null, actor)
      if (!t.ok) { io.err(`harmwatch user: ${t.error.message}`); return 1 }
      io.out(values.json ? JSON.stringify({ user: user.name, token: t.value }) : t.value)
      return 0
    } finally {
      await store.close()
    }
  },
}
