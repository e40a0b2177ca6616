#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx harmwatch` works right after `npm install`.
import { register } from 'tsx/esm/api'

register()
process.env.HARMWATCH_BIN = '1'
await import('../src/cli/main.ts')
