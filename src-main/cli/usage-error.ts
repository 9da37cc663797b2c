/** An error in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses repeated `--param name=value` options into overrides (values stay text until checked). */
export function parseParamOptions(options: readonly string[] | undefined): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const option of options ?? []) {
    const eq = option.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param ${option}: expected name=value, e.g. --param fast=12`);
    overrides[option.slice(0, eq).trim()] = option.slice(eq + 1).trim();
  }
  return overrides;
}
