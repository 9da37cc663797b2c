/** `bst import-strategy`: converts an older flat-format strategy file to the strategy language. */
import { importLegacyStrategy, isLegacyStrategy } from '../../../src-engine/strategy/legacy-import.ts';
import { requireStrategy } from '../../../src-engine/strategy/validate.ts';
import { UsageError } from '../usage-error.ts';
import { readJsonFile } from './validate.ts';

export function runImportStrategy(
  file: string | undefined,
  options: { out?: string },
  write: (text: string) => void,
  writeFile: (file: string, text: string) => void,
): void {
  if (file === undefined) throw new UsageError('bst import-strategy needs a file: bst import-strategy <old.json> [--out spec.json]');
  const document = readJsonFile(file);
  if (!isLegacyStrategy(document)) throw new UsageError(`${file} is not in the older flat format (no "entry_conditions")`);
  const spec = importLegacyStrategy(document);
  requireStrategy(spec);
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  if (options.out === undefined) write(text);
  else {
    writeFile(options.out, text);
    write(`converted ${file} -> ${options.out}\n`);
  }
}
