/**
 * The client half: a typed `call` that returns the output or throws an RpcFailure carrying the
 * envelope's code, message and details, and a typed `on` for events. Output checking is
 * optional (development and tests); the server already validated what it sent.
 */
import {
  type Contract,
  type EventName,
  hasEvent,
  hasMethod,
  type InputOf,
  type MethodName,
  type OutputOf,
  type PayloadOf,
  type Unsubscribe,
} from './define.ts';
import { RpcFailure } from './errors.ts';
import { schemaError } from './schema-error.ts';
import type { ClientTransport } from './transport.ts';

export interface RpcClientOptions {
  /** Check outputs and event payloads against the contract. */
  readonly validateOutput?: boolean;
  /** Where an event payload that failed the check goes (it is not delivered). */
  readonly onInvalidEvent?: (event: string, failure: RpcFailure) => void;
}

export interface RpcClient<C extends Contract> {
  readonly contract: C;
  call<M extends MethodName<C>>(method: M, input: InputOf<C, M>): Promise<OutputOf<C, M>>;
  on<E extends EventName<C>>(event: E, listener: (payload: PayloadOf<C, E>) => void): Unsubscribe;
  close(): void;
}

export function createRpcClient<C extends Contract>(contract: C, transport: ClientTransport, options: RpcClientOptions = {}): RpcClient<C> {
  return {
    contract,
    async call<M extends MethodName<C>>(method: M, input: InputOf<C, M>): Promise<OutputOf<C, M>> {
      const result = await transport.call(method, input);
      if (!result.ok) throw RpcFailure.from(result.error);
      if (!options.validateOutput || !hasMethod(contract, method)) return result.value as OutputOf<C, M>;
      const checked = contract.methods[method].output.safeParse(result.value);
      if (!checked.success) throw RpcFailure.from(schemaError('invalid-output', `${method} answered with data that does not match the contract`, checked.error, result.value));
      return checked.data as OutputOf<C, M>;
    },
    on<E extends EventName<C>>(event: E, listener: (payload: PayloadOf<C, E>) => void): Unsubscribe {
      if (!hasEvent(contract, event)) throw new TypeError(`"${event}" is not an event of this contract`);
      const schema = contract.events[event].payload;
      return transport.subscribe(event, (payload) => {
        if (!options.validateOutput) return listener(payload as PayloadOf<C, E>);
        const checked = schema.safeParse(payload);
        if (checked.success) return listener(checked.data as PayloadOf<C, E>);
        options.onInvalidEvent?.(event, RpcFailure.from(schemaError('invalid-output', `event ${event} has a payload that does not match the contract`, checked.error, payload)));
      });
    },
    close: () => transport.close(),
  };
}
