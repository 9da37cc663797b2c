/**
 * What the strategy list does with whole strategies: create (from a template or blank),
 * duplicate, rename, delete, import a file and export one. New strategies are saved at once
 * and opened, so the editor always edits a saved strategy; new names never clash with a saved
 * one, since the list tells strategies apart by name.
 */
import { RpcFailure } from '../../../src-shared/contract/index.ts';
import { blankSpec, copyName, documentName, documentText, exportFileName, isRecord, setAt, uniqueName } from '../../../src-shared/strategy/editing.ts';
import { describeIssue, type SpecIssue } from '../../../src-shared/strategy/issues.ts';
import { requireClient } from '../../rpc/connection.ts';
import { notify, notifyError } from '../../state/notifications.ts';
import { isDirty, openStrategy, refreshStrategies, type TemplateInfo, useStrategies } from '../../state/strategies.ts';

/** Whether the open strategy's unsaved edits may be dropped (asks only when there are some). */
export function mayDiscardEdits(): boolean {
  const state = useStrategies.getState();
  const name = state.saved.find((s) => s.id === state.openId)?.name ?? 'the open strategy';
  return !isDirty(state) || window.confirm(`Discard the unsaved changes to ${name}?`);
}

function takenNames(): string[] {
  return useStrategies.getState().saved.map((s) => s.name);
}

/** Saves a new strategy and opens it; the id, or null when it failed (the notification says why). */
async function createStrategy(spec: unknown): Promise<string | null> {
  if (!mayDiscardEdits()) return null;
  try {
    const { id, name } = await requireClient().call('strategies.save', { spec });
    await refreshStrategies();
    await openStrategy(id);
    notify('success', `Created ${name}`);
    return id;
  } catch (error) {
    notifyError(error);
    return null;
  }
}

export function createFromTemplate(template: TemplateInfo): Promise<string | null> {
  return createStrategy({ ...template.spec, name: uniqueName(template.name, takenNames()) });
}

export function createBlank(): Promise<string | null> {
  return createStrategy(blankSpec(uniqueName('new-strategy', takenNames())));
}

export async function duplicateStrategy(id: string): Promise<void> {
  try {
    const { spec } = await requireClient().call('strategies.get', { id });
    await createStrategy({ ...spec, name: copyName(spec.name, takenNames()) });
  } catch (error) {
    notifyError(error);
  }
}

/** Why `name` cannot be given to strategy `id`, or null when it can. */
export function renameProblem(id: string, name: string): string | null {
  if (name.trim() === '') return 'A strategy needs a name';
  const clash = useStrategies.getState().saved.some((s) => s.name === name && s.id !== id);
  return clash ? `Another strategy is already named "${name}"` : null;
}

/** Renames the saved strategy; when it is open, the editor's draft takes the name and keeps its other edits. */
export async function renameStrategy(id: string, name: string): Promise<void> {
  try {
    const { spec } = await requireClient().call('strategies.get', { id });
    await requireClient().call('strategies.save', { id, spec: { ...spec, name } });
    const state = useStrategies.getState();
    if (state.openId === id) {
      const draft = setAt(state.draft, ['name'], name);
      const savedText = documentText(setAt(JSON.parse(state.savedText), ['name'], name));
      useStrategies.setState({ draft, savedText, jsonText: state.jsonError === null ? documentText(draft) : state.jsonText });
    }
    await refreshStrategies();
    notify('success', `Renamed to ${name}`);
  } catch (error) {
    notifyError(error);
  }
}

export async function deleteStrategy(id: string, name: string): Promise<void> {
  try {
    await requireClient().call('strategies.delete', { id });
    notify('success', `Deleted ${name}`);
  } catch (error) {
    notifyError(error);
  }
  await refreshStrategies();
}

function issuesOf(error: unknown): readonly SpecIssue[] {
  if (!(error instanceof RpcFailure) || error.code !== 'strategy' || !Array.isArray(error.details?.issues)) return [];
  return error.details.issues as SpecIssue[];
}

/**
 * Imports a strategy file (the strategy language or the older flat format, which the core
 * converts) as a new saved strategy under a name not yet taken. Null when imported, else
 * what is wrong with the file, for the page to show.
 */
export async function importStrategyFile(file: File): Promise<string | null> {
  let document: unknown;
  try {
    document = JSON.parse(await file.text());
  } catch (error) {
    return `${file.name} is not a JSON file: ${(error as Error).message}`;
  }
  if (!isRecord(document)) return `${file.name} does not hold a strategy (a JSON object)`;
  if (!mayDiscardEdits()) return null;
  const stem = file.name.replace(/\.json$/i, '');
  const name = uniqueName(documentName(document) || stem, takenNames());
  try {
    const { id, name: saved } = await requireClient().call('strategies.save', { spec: { ...document, name } });
    await refreshStrategies();
    await openStrategy(id);
    notify('success', `Imported ${saved}`);
    return null;
  } catch (error) {
    const issues = issuesOf(error);
    if (issues.length === 0) return `${file.name} could not be imported: ${(error as Error).message}`;
    return `${file.name} is not a valid strategy: ${issues.map(describeIssue).join('; ')}`;
  }
}

/** Downloads the saved strategy as `<name>.json`. */
export async function exportStrategy(id: string): Promise<void> {
  try {
    const { spec } = await requireClient().call('strategies.get', { id });
    const url = URL.createObjectURL(new Blob([`${documentText(spec)}\n`], { type: 'application/json' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = exportFileName(spec.name);
    anchor.click();
    // The download has its own copy once started; the object URL is not needed after this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  } catch (error) {
    notifyError(error);
  }
}
