/**
 * Listeners by event name on the client side of a transport. Like a DOM EventTarget, one
 * throwing listener does not keep the event from the others; its error is rethrown once all
 * have run, so the bug still surfaces where the transport delivers.
 */
import type { Unsubscribe } from './define.ts';

export class EventHub {
  readonly #listeners = new Map<string, Set<(payload: unknown) => void>>();

  subscribe(event: string, listener: (payload: unknown) => void): Unsubscribe {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    // A wrapper per subscription, so subscribing one function twice gives two independent subscriptions.
    const entry = (payload: unknown): void => listener(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  dispatch(event: string, payload: unknown): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    let failure: { error: unknown } | null = null;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== null) throw failure.error;
  }

  clear(): void {
    this.#listeners.clear();
  }
}
