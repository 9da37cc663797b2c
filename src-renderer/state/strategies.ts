/**
 * The Strategies page's state: the saved strategies (strategies.list), the templates and
 * indicator kinds the editor offers, and the one strategy open in the editor. The open document
 * is plain JSON edited by path, valid or not, so the visual editor and the JSON view show the
 * same thing; each edit is checked by strategy.validate shortly after typing stops, and the
 * issues are kept by path for the fields to show. Saving is the core's strategies.save.
 */
import { create } from 'zustand';
import { type OutputOf, RpcFailure, type WorkstationContract } from '../../src-shared/contract/index.ts';
import { type DocPath, documentText, parseDocument, setAt } from '../../src-shared/strategy/editing.ts';
import type { SpecIssue } from '../../src-shared/strategy/issues.ts';
import { requireClient } from '../rpc/connection.ts';
import { notify, notifyError } from './notifications.ts';

export type SavedStrategyInfo = OutputOf<WorkstationContract, 'strategies.list'>['strategies'][number];
export type TemplateInfo = OutputOf<WorkstationContract, 'templates.list'>['templates'][number];
export type IndicatorInfo = OutputOf<WorkstationContract, 'indicators.list'>['indicators'][number];

interface StrategiesStore {
  readonly saved: readonly SavedStrategyInfo[];
  readonly loaded: boolean;
  readonly templates: readonly TemplateInfo[];
  readonly indicators: readonly IndicatorInfo[];
  readonly openId: string | null;
  /** The document as edited: any JSON, since the user may type anything in the JSON view. */
  readonly draft: unknown;
  /** The saved document's text, to tell whether there are unsaved edits. */
  readonly savedText: string;
  readonly jsonText: string;
  /** Why the JSON view's text is not a document; the draft keeps the last one that was. */
  readonly jsonError: string | null;
  readonly issues: readonly SpecIssue[];
  /** A check of the current draft is pending. */
  readonly checking: boolean;
  readonly saving: boolean;
}

export const useStrategies = create<StrategiesStore>(() => ({
  saved: [],
  loaded: false,
  templates: [],
  indicators: [],
  openId: null,
  draft: null,
  savedText: '',
  jsonText: '',
  jsonError: null,
  issues: [],
  checking: false,
  saving: false,
}));

/** Waits for a pause in typing before asking the core, so each keystroke does not cost a call. */
const CHECK_DELAY_MS = 300;
let checkTimer: ReturnType<typeof setTimeout> | undefined;
let checkSequence = 0;

function scheduleCheck(): void {
  clearTimeout(checkTimer);
  const sequence = ++checkSequence;
  useStrategies.setState({ checking: true });
  checkTimer = setTimeout(() => void check(sequence), CHECK_DELAY_MS);
}

async function check(sequence: number): Promise<void> {
  try {
    const { issues } = await requireClient().call('strategy.validate', { document: useStrategies.getState().draft });
    // A later edit has its own check coming; this answer is about an older document.
    if (sequence === checkSequence) useStrategies.setState({ issues, checking: false });
  } catch (error) {
    if (sequence === checkSequence) useStrategies.setState({ checking: false });
    notifyError(error);
  }
}

export async function refreshStrategies(): Promise<void> {
  try {
    const { strategies } = await requireClient().call('strategies.list', {});
    const { openId } = useStrategies.getState();
    const stillThere = openId === null || strategies.some((s) => s.id === openId);
    useStrategies.setState(stillThere ? { saved: strategies, loaded: true } : { saved: strategies, loaded: true, ...closed() });
  } catch (error) {
    notifyError(error);
  }
}

/** Templates and indicator kinds do not change while the app runs: fetched once. */
export async function loadCatalog(): Promise<void> {
  if (useStrategies.getState().templates.length > 0) return;
  try {
    const client = requireClient();
    const [{ templates }, { indicators }] = await Promise.all([client.call('templates.list', {}), client.call('indicators.list', {})]);
    useStrategies.setState({ templates, indicators });
  } catch (error) {
    notifyError(error);
  }
}

function closed(): Partial<StrategiesStore> {
  return { openId: null, draft: null, savedText: '', jsonText: '', jsonError: null, issues: [], checking: false };
}

/** Opens a saved strategy in the editor; unsaved edits of the one open before are dropped. */
export async function openStrategy(id: string): Promise<void> {
  try {
    const { spec } = await requireClient().call('strategies.get', { id });
    const text = documentText(spec);
    useStrategies.setState({ openId: id, draft: spec, savedText: text, jsonText: text, jsonError: null, issues: [] });
    scheduleCheck();
  } catch (error) {
    notifyError(error);
  }
}

export function editDraft(path: DocPath, value: unknown): void {
  const draft = setAt(useStrategies.getState().draft, path, value);
  useStrategies.setState({ draft, jsonText: documentText(draft), jsonError: null });
  scheduleCheck();
}

/** The JSON view's edit: kept as typed; the draft follows whenever the text is a document. */
export function editJson(text: string): void {
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    useStrategies.setState({ jsonText: text, jsonError: parsed.message });
    return;
  }
  useStrategies.setState({ jsonText: text, draft: parsed.document, jsonError: null });
  scheduleCheck();
}

export function isDirty(state: StrategiesStore): boolean {
  return state.openId !== null && (state.jsonError !== null || documentText(state.draft) !== state.savedText);
}

/** Why the draft cannot be saved now, or null when it can. */
export function saveBlocker(state: StrategiesStore): string | null {
  if (state.openId === null) return 'No strategy is open';
  if (state.jsonError !== null) return 'The JSON text is not valid; fix it first';
  if (state.checking) return 'Checking…';
  if (state.issues.length > 0) return `${state.issues.length} problem(s) to fix first`;
  if (!isDirty(state)) return 'No unsaved changes';
  return null;
}

export async function saveDraft(): Promise<void> {
  const state = useStrategies.getState();
  if (saveBlocker(state) !== null || state.openId === null || state.saving) return;
  const { draft, openId } = state;
  useStrategies.setState({ saving: true });
  try {
    const { name } = await requireClient().call('strategies.save', { id: openId, spec: draft });
    useStrategies.setState({ savedText: documentText(draft) });
    notify('success', `Saved ${name}`);
    await refreshStrategies();
  } catch (error) {
    if (error instanceof RpcFailure && error.code === 'strategy' && Array.isArray(error.details?.issues)) {
      useStrategies.setState({ issues: error.details.issues as SpecIssue[] });
    }
    notifyError(error);
  } finally {
    useStrategies.setState({ saving: false });
  }
}
