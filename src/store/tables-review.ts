/**
 * Row types of the tables that the review feature's migrations add (0003-review.sql).
 * Merged into `Database`.
 */
export interface AuditHeadTable {
  id: number
  seq: number
  hash: string
}

export interface ReviewTables {
  audit_head: AuditHeadTable
}
