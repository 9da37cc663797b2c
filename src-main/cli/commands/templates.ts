/** `bst templates`: the built-in strategies and the parameters each one declares. */
import { isChoiceParameter } from '../../../src-engine/strategy/parameters.ts';
import { loadTemplates } from '../../host/templates.ts';

export function runTemplates(options: { json?: boolean }, write: (text: string) => void): void {
  const templates = loadTemplates();
  if (options.json === true) {
    write(`${JSON.stringify(templates.map((t) => ({ name: t.name, description: t.spec.description, parameters: t.spec.parameters ?? [] })), null, 2)}\n`);
    return;
  }
  for (const template of templates) {
    write(`${template.name}\n  ${template.spec.description ?? ''}\n`);
    for (const p of template.spec.parameters ?? []) {
      const range = isChoiceParameter(p) ? `one of ${p.options.join('|')}` : `${p.min}..${p.max}${p.step === undefined ? '' : ` step ${p.step}`}`;
      write(`  --param ${p.name}=${p.default}  (${range})${p.description === undefined ? '' : `  ${p.description}`}\n`);
    }
    write('\n');
  }
}
