/**
 * Row types of the tables that the api feature's migrations add. Merged into `Database`.
 */
export interface ApiTables {}
