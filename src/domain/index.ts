/**
 * Shared vocabulary of Harmwatch: schemas and types every stage speaks. No I/O here, and
 * nothing in this folder imports any other `src/` folder.
 */
export * from './enums.ts'
export * from './event.ts'
export * from './ids.ts'
export * from './result.ts'
export * from './incident.ts'
