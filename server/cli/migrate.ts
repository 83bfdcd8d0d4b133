/**
 * `npm run migrate`: brings the configured store (STORE, DB_PATH or DATABASE_URL) to the latest
 * migration and says where it stands. Every server does this itself at start; the command is for a
 * deployment that migrates once before starting several instances.
 */
import { readEnv } from '../env'
import { openStore } from '../start'

const env = readEnv()
const store = openStore(env)
store.close()
console.log(env.STORE === 'postgres' ? 'PostgreSQL store migrated to the latest version' : `SQLite store ${env.DB_PATH} migrated to the latest version`)
