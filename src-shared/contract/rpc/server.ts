/**
 * The server half of the RPC layer: validates each call's input with the contract (always: this
 * is the trust boundary), runs the handler, validates the output in development and tests, and
 * folds every outcome into an envelope. Events are typed and, in development, validated when
 * emitted, so a bad payload fails at the emitter rather than in a window.
 */
import { classifyError } from './classify-error.ts';
import { type Contract, type EventName, type Handlers, hasEvent, hasMethod, type PayloadOf, type Unsubscribe } from './define.ts';
import { failed, type RpcError, RpcFailure, type RpcResult } from './errors.ts';
import { schemaError } from './schema-error.ts';
import type { RpcEventListener, RpcEndpoint } from './transport.ts';

export interface RpcServerOptions {
  /** Check handler outputs and event payloads against the contract (development and tests). */
  readonly validateOutput?: boolean;
  /** Runs before the default classification; return undefined to fall through to it. */
  readonly classifyError?: (error: unknown, method: string) => RpcError | undefined;
  /** Sees every failure that is a bug (internal, invalid-output, a failing event listener) with its stack, for the log. */
  readonly onInternalError?: (error: unknown, context: string) => void;
}

export interface RpcServer<C extends Contract> extends RpcEndpoint {
  readonly contract: C;
  emit<E extends EventName<C>>(event: E, payload: PayloadOf<C, E>): void;
}

export function createRpcServer<C extends Contract>(contract: C, handlers: Handlers<C>, options: RpcServerOptions = {}): RpcServer<C> {
  const listeners = new Set<RpcEventListener>();
  const table = handlers as unknown as Readonly<Record<string, (input: unknown) => unknown>>;

  const handle = async (method: string, input: unknown): Promise<RpcResult> => {
    if (!hasMethod(contract, method) || typeof table[method] !== 'function') {
      return failed('unknown-method', `"${method}" is not a method of this workstation; the app and its core may be different versions`);
    }
    const definition = contract.methods[method];
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: schemaError('invalid-input', `Invalid request to ${method}`, parsed.error, input) };
    let output: unknown;
    try {
      output = await table[method](parsed.data);
    } catch (error) {
      const classified = options.classifyError?.(error, method) ?? classifyError(error, method);
      if (classified.code === 'internal') options.onInternalError?.(error, method);
      return { ok: false, error: classified };
    }
    if (!options.validateOutput) return { ok: true, value: output };
    const checked = definition.output.safeParse(output);
    if (checked.success) return { ok: true, value: checked.data };
    options.onInternalError?.(checked.error, `${method} output`);
    return { ok: false, error: schemaError('invalid-output', `${method} answered with data that does not match the contract`, checked.error, output) };
  };

  const emit = (event: string, payload: unknown): void => {
    if (!hasEvent(contract, event)) throw new TypeError(`"${event}" is not an event of this contract`);
    if (options.validateOutput) {
      const checked = contract.events[event].payload.safeParse(payload);
      if (!checked.success) {
        throw RpcFailure.from(schemaError('invalid-output', `event ${event} has a payload that does not match the contract`, checked.error, payload));
      }
    }
    // A transport that cannot deliver must not break the emitter (a job) or the other windows.
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        options.onInternalError?.(error, `event ${event}`);
      }
    }
  };

  return {
    contract,
    handle,
    emit,
    subscribe(listener: RpcEventListener): Unsubscribe {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
