#!/usr/bin/env node
// Entry point of the `bst` command. Node runs the TypeScript sources directly (type stripping,
// Node >= 22.18); the project pins Node 24, which `npx bst` and `npm run bst` use.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`bst: Node ${process.version} is too old to run bst; run it as "npx bst ..." or "npm run bst -- ..." (they use the project's Node 24)\n`);
  process.exit(1);
}
const { runCli } = await import('../src-main/cli/main.ts');
// The first Ctrl+C asks the command to stop cleanly (a download keeps its finished pages);
// a second one ends the process at once.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
  });
}
process.exitCode = await runCli(process.argv.slice(2), {
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
  signal: interrupt.signal,
  interactive: process.stderr.isTTY === true,
});
