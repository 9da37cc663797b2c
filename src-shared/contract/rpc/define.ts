/**
 * The definition layer: a contract names every method (input and output zod schemas) and
 * every event (payload schema) once, and the types below derive a typed client, server and
 * handler table from it, so a renamed field is a compile error on both sides of a transport.
 */
import type { z } from 'zod';

export interface MethodDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** One sentence for the reader of the contract and for generated docs. */
  readonly description: string;
}

export interface EventDefinition<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly description: string;
}

export type MethodTable = Readonly<Record<string, MethodDefinition>>;
export type EventTable = Readonly<Record<string, EventDefinition>>;

export interface Contract<M extends MethodTable = MethodTable, E extends EventTable = EventTable> {
  readonly methods: M;
  readonly events: E;
}

const NAME = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

/**
 * Checks the names (dotted lower camel case, `domain.action`) and freezes the tables, so a
 * contract cannot grow a method at run time that the types do not know about.
 */
export function defineContract<const M extends MethodTable, const E extends EventTable>(contract: {
  readonly methods: M;
  readonly events: E;
}): Contract<M, E> {
  for (const name of [...Object.keys(contract.methods), ...Object.keys(contract.events)]) {
    if (!NAME.test(name)) throw new TypeError(`contract name "${name}" must look like "domain.action"`);
  }
  return Object.freeze({ methods: Object.freeze({ ...contract.methods }), events: Object.freeze({ ...contract.events }) });
}

export type MethodName<C extends Contract> = keyof C['methods'] & string;
export type EventName<C extends Contract> = keyof C['events'] & string;

/** What a caller passes (before zod applies defaults). */
export type InputOf<C extends Contract, M extends MethodName<C>> = z.input<C['methods'][M]['input']>;
/** What a handler receives: the input after validation. */
export type ParsedInputOf<C extends Contract, M extends MethodName<C>> = z.output<C['methods'][M]['input']>;
export type OutputOf<C extends Contract, M extends MethodName<C>> = z.output<C['methods'][M]['output']>;
export type PayloadOf<C extends Contract, E extends EventName<C>> = z.output<C['events'][E]['payload']>;

export type Handler<C extends Contract, M extends MethodName<C>> = (input: ParsedInputOf<C, M>) => OutputOf<C, M> | Promise<OutputOf<C, M>>;

/** One handler per method; a missing one is a compile error. */
export type Handlers<C extends Contract> = { readonly [M in MethodName<C>]: Handler<C, M> };

export type Unsubscribe = () => void;

/** Only the tables' keys matter, so a caller may pass name tables without schemas (a slim preload). */
export interface ContractNames {
  readonly methods: object;
  readonly events: object;
}

export function hasMethod(contract: ContractNames, name: string): boolean {
  return Object.hasOwn(contract.methods, name);
}

export function hasEvent(contract: ContractNames, name: string): boolean {
  return Object.hasOwn(contract.events, name);
}
