/**
 * Editing a strategy document without React: immutable reads and writes at a path, the issues
 * that belong to a field, names for new and copied strategies, and the JSON text of a document.
 * The editor holds the document as plain JSON (not a parsed StrategySpec) because it must show
 * and keep whatever the user typed, valid or not; the core's strategy.validate judges it.
 */
import { formatPath, type SpecIssue } from './issues.ts';
import { STRATEGY_FORMAT, type StrategySpec } from './spec.ts';

export type PathKey = string | number;
export type DocPath = readonly PathKey[];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getAt(document: unknown, path: DocPath): unknown {
  let node = document;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(node) : !isRecord(node)) return undefined;
    node = (node as Record<PathKey, unknown>)[key];
  }
  return node;
}

/**
 * The document with `value` at `path`, creating objects and arrays on the way; everything not
 * on the path is shared with the original. Setting undefined removes the field, so an optional
 * part switched off disappears from the document instead of becoming `null`.
 */
export function setAt(document: unknown, path: DocPath, value: unknown): unknown {
  if (value === undefined) return removeAt(document, path);
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  if (typeof key === 'number') {
    const array = Array.isArray(document) ? [...(document as unknown[])] : [];
    array[key] = setAt(array[key], rest, value);
    return array;
  }
  const record = isRecord(document) ? { ...document } : {};
  record[key] = setAt(record[key], rest, value);
  return record;
}

/** The document without the field or array element at `path`; unchanged when there is none. */
function removeAt(document: unknown, path: DocPath): unknown {
  if (path.length === 0) return undefined;
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = getAt(document, parentPath);
  if (typeof key === 'number') {
    if (!Array.isArray(parent) || key >= parent.length) return document;
    return setAt(document, parentPath, parent.filter((_, i) => i !== key));
  }
  if (!isRecord(parent) || !(key in parent)) return document;
  const { [key]: _removed, ...rest } = parent;
  return setAt(document, parentPath, rest);
}

/** The path as issues spell it: `entry.long.all[2].left`. */
export function pathText(path: DocPath): string {
  return formatPath(path);
}

/** The issues about exactly this field. */
export function issuesAt(issues: readonly SpecIssue[], path: DocPath): SpecIssue[] {
  const text = pathText(path);
  return issues.filter((issue) => issue.path === text);
}

/** The issues about this field or anything inside it. */
export function issuesWithin(issues: readonly SpecIssue[], path: DocPath): SpecIssue[] {
  const text = pathText(path);
  if (text === '') return [...issues];
  return issues.filter((issue) => issue.path === text || issue.path.startsWith(`${text}.`) || issue.path.startsWith(`${text}[`));
}

/** `wanted`, or `wanted-2`, `wanted-3`, ... whichever is first not taken. */
export function uniqueName(wanted: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  if (!names.has(wanted)) return wanted;
  let n = 2;
  while (names.has(`${wanted}-${n}`)) n++;
  return `${wanted}-${n}`;
}

/** A copy's name: `name-copy`, then `name-copy-2`; copying a copy does not stack suffixes. */
export function copyName(name: string, taken: Iterable<string>): string {
  const stem = name.replace(/-copy(-\d+)?$/, '');
  return uniqueName(`${stem}-copy`, taken);
}

/** A new strategy that is valid as it stands, so it can be saved at once and then edited. */
export function blankSpec(name: string): StrategySpec {
  return {
    format: STRATEGY_FORMAT,
    name,
    direction: 'long',
    entry: { long: { left: { price: 'close' }, op: '>', right: { price: 'open' } } },
    sizing: { mode: 'all-equity' },
  };
}

export function documentText(document: unknown): string {
  return JSON.stringify(document, null, 2);
}

export type ParsedDocument = { readonly ok: true; readonly document: Record<string, unknown> } | { readonly ok: false; readonly message: string };

/** The JSON view's text as a document, or why it is not one (the parser's words, with position). */
export function parseDocument(text: string): ParsedDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
  if (!isRecord(document)) return { ok: false, message: 'A strategy is a JSON object: { "name": ..., "direction": ..., "entry": ... }' };
  return { ok: true, document };
}

/** A file name for an exported strategy: its name with characters file systems refuse replaced. */
export function exportFileName(name: string): string {
  // Windows refuses these characters in file names; control characters are refused everywhere.
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return `${safe === '' ? 'strategy' : safe}.json`;
}

/** The strategy name a document carries, or '' when it has none (a broken document). */
export function documentName(document: unknown): string {
  const name = getAt(document, ['name']);
  return typeof name === 'string' ? name : '';
}
