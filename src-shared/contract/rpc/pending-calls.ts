/**
 * Request ids for transports that multiplex calls over one channel (a MessagePort, a
 * WebSocket): each call waits under its id until the answer with that id arrives, and when the
 * channel dies every waiting call ends with the same 'unavailable' envelope, as do later ones.
 */
import type { RpcError, RpcResult } from './errors.ts';

export class PendingCalls {
  #nextId = 1;
  readonly #waiting = new Map<number, (result: RpcResult) => void>();
  #closed: RpcError | null = null;

  /** A fresh id and the promise its answer settles; already settled when the channel is closed. */
  open(): { readonly id: number; readonly result: Promise<RpcResult> } {
    const id = this.#nextId++;
    if (this.#closed !== null) return { id, result: Promise.resolve({ ok: false, error: this.#closed }) };
    const result = new Promise<RpcResult>((resolve) => this.#waiting.set(id, resolve));
    return { id, result };
  }

  /** Settles one call; false when no call waits under that id (answered already, or never asked). */
  settle(id: number, result: RpcResult): boolean {
    const resolve = this.#waiting.get(id);
    if (resolve === undefined) return false;
    this.#waiting.delete(id);
    resolve(result);
    return true;
  }

  get closed(): boolean {
    return this.#closed !== null;
  }

  /** Ends every waiting call and every later one with `error`; the first reason given wins. */
  close(error: RpcError): void {
    this.#closed ??= error;
    for (const [id] of this.#waiting) this.settle(id, { ok: false, error: this.#closed });
  }
}
