/**
 * Monitoring and publishing: agreements and their violations, protected sites, the
 * situation brief (and alerts and interoperability, from their own folders). This file is an
 * index of re-exports only.
 */
export * from './agreements/index.ts'
export * from './sites/index.ts'
export * from './brief/index.ts'
export * from './alerts/index.ts'
export * from './interop/index.ts'
