/**
 * Row types of the tables that the monitor feature's migrations add. Merged into `Database`.
 */
export interface MonitorTables {}
