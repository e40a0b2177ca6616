/** Talking to the API: JSON in and out, errors as one-line messages. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
  const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } }
  if (!res.ok) throw new ApiError(res.status, data.error?.code ?? 'error', data.error?.message ?? `HTTP ${res.status}`)
  return data as T
}

export interface Range { min: number | null; max: number | null }
export interface Place { name: string; name_ar?: string | null; lat: number | null; lon: number | null; precision: number; admin1?: string | null }
export interface Incident {
  id: string; date: string | null; date_end: string | null; places: Place[]; perpetrator: string | null; weapon: string | null
  event_type: string | null; sub_event_type: string | null
  weapons: string[]; targets: string[]; killed: Range; injured: Range; children_killed: Range; grade: string; grade_reasons: string[]
  reported_by: string[]; independent_sources: number; source_ids: string[]; report_ids: string[]; admin1: string | null; admin2: string | null
  status: string; version: number; lat: number | null; lon: number | null; precision: number | null
}
export interface User { id: string; name: string; role: 'admin' | 'editor' | 'analyst' | 'viewer'; anonymous?: boolean }

let me: Promise<{ user: User | null; public: boolean }> | null = null
export function whoami(refresh = false): Promise<{ user: User | null; public: boolean }> {
  if (!me || refresh) me = api<{ user: User | null; public: boolean }>('/api/me').catch(() => ({ user: null, public: false }))
  return me
}

const RANK = { viewer: 0, analyst: 1, editor: 2, admin: 3 } as const
export const atLeast = (u: User | null, role: keyof typeof RANK): boolean => u !== null && !u.anonymous && RANK[u.role] >= RANK[role]
