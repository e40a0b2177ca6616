/**
 * Row types of the tables that the review feature's migrations add. Merged into `Database`.
 */
export interface ReviewTables {}
