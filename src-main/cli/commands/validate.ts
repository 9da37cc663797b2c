/** `bst validate`: checks a strategy file and says exactly what is wrong, or that it is sound. */
import { readFileSync } from 'node:fs';
import { describeIssue } from '../../../src-shared/strategy/issues.ts';
import { checkStrategy } from '../../../src-engine/strategy/validate.ts';
import { isLegacyStrategy, importLegacyStrategy } from '../../../src-engine/strategy/legacy-import.ts';
import { parseParamOptions, UsageError } from '../usage-error.ts';

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Returns the process exit code: 0 when valid, 1 when not. */
export function runValidate(file: string | undefined, options: { param?: string[] }, write: (text: string) => void): number {
  if (file === undefined) throw new UsageError('bst validate needs a strategy file: bst validate <spec.json>');
  let document = readJsonFile(file);
  if (isLegacyStrategy(document)) {
    write(`${file} is in the older flat format; checking it as converted (bst import-strategy writes the new format)\n`);
    document = importLegacyStrategy(document);
  }
  const result = checkStrategy(document, parseParamOptions(options.param));
  if (!result.ok) {
    write(`${file}: invalid strategy (${result.issues.length} problem${result.issues.length === 1 ? '' : 's'})\n`);
    for (const issue of result.issues) write(`  - ${describeIssue(issue)}\n`);
    return 1;
  }
  const parameters = Object.entries(result.values).map(([name, value]) => `${name}=${value}`);
  write(`${file}: valid strategy "${result.spec.name}"\n`);
  write(`  indicators: ${(result.spec.indicators ?? []).map((i) => `${i.id} (${i.kind})`).join(', ') || 'none'}\n`);
  write(`  parameters: ${parameters.join(', ') || 'none'}\n`);
  return 0;
}
