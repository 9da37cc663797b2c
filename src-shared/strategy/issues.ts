/** Validation problems as a trader reads them: where (a JSON path) and what is wrong. */
import type { z } from 'zod';

export interface SpecIssue {
  /** Dotted path into the spec, e.g. `entry.long.all[2].left`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
}

type ZodIssue = z.core.$ZodIssue;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Flattens zod's issues for `document`. When no branch of a union matches, zod reports the
 * union as a whole; if exactly one branch has the input's shape (its keys, its base type), the
 * problem is inside that branch, so its issues are reported instead: `entry.long.op: op must
 * be one of ...` rather than "expected a rule".
 */
export function issuesFromZod(error: z.ZodError, document: unknown): SpecIssue[] {
  return error.issues.flatMap((issue) => flatten(issue, [], document));
}

function flatten(issue: ZodIssue, prefix: readonly PropertyKey[], document: unknown): SpecIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const input = valueAt(document, path);
    const fitting = issue.errors.filter((branch) => branchFitsShape(branch, input));
    if (fitting.length === 1) return fitting[0].flatMap((inner) => flatten(inner, path, document));
  }
  return [{ path: formatPath(path), message: issue.message }];
}

function branchFitsShape(branch: readonly ZodIssue[], input: unknown): boolean {
  return branch.every((issue) => {
    if (issue.path.length === 0) return issue.code !== 'unrecognized_keys' && issue.code !== 'invalid_type';
    const missingKey = issue.path.length === 1 && typeof input === 'object' && input !== null && !(issue.path[0] in input);
    return !missingKey;
  });
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let node = document;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

export function describeIssue(issue: SpecIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}
