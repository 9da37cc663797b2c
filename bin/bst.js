#!/usr/bin/env node
// Entry point of the `bst` command; Node 24 runs the TypeScript sources directly.
import { runCli } from '../src-main/cli/main.ts';

process.exitCode = runCli(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
