/**
 * Row types of the tables that the alerts and interoperability feature's migrations add. Merged into `Database`.
 */
export interface AlertsTables {}
