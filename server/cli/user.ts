import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import { leadUnitIds, type LeadUnitId } from '../domain/categories'
import { roleIds, type Role } from '../domain/roles'
import { readEnv } from '../env'
import { hashPassword } from '../services/auth/password'
import { openStore } from '../start'

const usage = `npm run user -- add <username> --role <${roleIds.join('|')}> --name <display name> [--area <district or village id>] [--lead-unit <${leadUnitIds.join('|')}>]
npm run user -- passwd <username>
npm run user -- remove <username>
npm run user -- list
The password is read from the environment variable PINGAN_PASSWORD (at least 10 characters), never from the command line.
The database is DB_PATH (default var/pingan.db).`

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, name: { type: 'string' }, area: { type: 'string' }, 'lead-unit': { type: 'string' } },
})
const [command, username] = positionals
const fail = (message: string): never => {
  console.error(`${message}\n\n${usage}`)
  process.exit(2)
}

function password(): string {
  const pw = process.env.PINGAN_PASSWORD ?? ''
  if (pw.length < 10) fail('Set PINGAN_PASSWORD to the new password (at least 10 characters).')
  return pw
}

/** Who ran the command, as the audit log names them: the operating-system account, marked as the command line. */
function operator(): string {
  try {
    return `cli:${userInfo().username}`
  } catch {
    return `cli:${process.env.USER ?? 'unknown'}`
  }
}

const store = openStore(readEnv())
const audit = (action: string, reason: string | null) => store.audit.write({ at: new Date().toISOString(), username: operator(), action, target: username!, reason })
try {
  if (command === 'list') {
    for (const u of store.users.list()) console.log(`${u.username}\t${u.role}\t${u.areaId ?? u.leadUnit ?? ''}\t${u.name}`)
  } else if (command === 'add' && username) {
    const role = values.role as Role
    if (!roleIds.includes(role)) fail(`Unknown role ${values.role}.`)
    if (!values.name) fail('--name is required.')
    if (store.users.byUsername(username)) fail(`${username} exists.`)
    const needsArea = role === 'district' || role === 'grid'
    const area = values.area ? store.areas.get(values.area) : undefined
    if (needsArea && (!area || area.level !== (role === 'district' ? 'district' : 'village'))) fail(`--area must be a ${role === 'district' ? 'district' : 'village'} id.`)
    const leadUnit = values['lead-unit'] as LeadUnitId | undefined
    if (role === 'lead_unit' && (!leadUnit || !leadUnitIds.includes(leadUnit))) fail('--lead-unit is required for a lead unit.')
    store.users.insert({
      username, name: values.name!, role, areaId: needsArea ? area!.id : null, leadUnit: role === 'lead_unit' ? leadUnit! : null,
      passwordHash: await hashPassword(password()),
    })
    audit('user_add', `${role}${needsArea ? ` ${area!.id}` : ''}${role === 'lead_unit' ? ` ${leadUnit}` : ''}`)
    console.log(`added ${username} (${role})`)
  } else if (command === 'passwd' && username) {
    if (!store.users.setPassword(username, await hashPassword(password()))) fail(`No user ${username}.`)
    const user = store.users.byUsername(username)!
    store.sessions.deleteForUser(user.id)
    audit('user_passwd', null)
    console.log(`changed the password of ${username}; its sessions were ended`)
  } else if (command === 'remove' && username) {
    if (!store.users.remove(username)) fail(`No user ${username}.`)
    audit('user_remove', null)
    console.log(`removed ${username}`)
  } else fail('Unknown command.')
} finally {
  store.close()
}
