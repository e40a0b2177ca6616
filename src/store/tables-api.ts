/**
 * Row types of the tables that the api feature's migrations add. Merged into `Database`.
 */
import type { Timestamp } from './database.ts'

export interface SessionsTable {
  /** sha256 of the cookie value: the session id itself is never stored */
  id_hash: string
  user_id: string
  created_at: Timestamp
  expires_at: string
}

export interface ApiTables {
  sessions: SessionsTable
}
