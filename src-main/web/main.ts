/**
 * The `npm run web` entry: browser mode from the command line. Ctrl+C or SIGTERM closes the
 * server and the core worker; a second Ctrl+C while that is under way quits at once.
 */
import { runWeb } from './run.ts';

const controller = new AbortController();
const onSignal = () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await runWeb(process.argv.slice(2), {
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
  signal: controller.signal,
});
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
