/** A zod failure as an envelope error: issues as `{path, message}` in details, the first one in the message. */
import type { z } from 'zod';
import { issuesFromZod } from '../../strategy/issues.ts';
import { type RpcError, type RpcErrorCode, rpcError } from './errors.ts';

export function schemaError(code: RpcErrorCode, what: string, error: z.ZodError, value: unknown): RpcError {
  const issues = issuesFromZod(error, value);
  const first = issues[0];
  const where = first === undefined ? '' : `: ${first.path === '' ? '' : `${first.path}: `}${first.message}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return rpcError(code, `${what}${where}${more}`, { issues });
}
