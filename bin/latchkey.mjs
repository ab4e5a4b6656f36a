#!/usr/bin/env node
// Launcher for the headless reader: loads tsx's ESM hooks in this process, then runs src/cli/main.ts.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import(new URL('../src/cli/main.ts', import.meta.url).href)
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
// Flush before exiting: open keep-alive sockets would otherwise hold the process.
await new Promise((resolve) => process.stdout.write('', resolve))
process.exit(code)
