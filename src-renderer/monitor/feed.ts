/**
 * The window's live subscriptions: one listener each for live.candles and live.status that
 * hands an event to the chart holding that subscription id (events go to every window, so the
 * others' are ignored), leases renewed every 20 s (a lost one is taken again), and every
 * subscription released when the window unloads.
 */
import type { LiveCandlesPayload, LiveStatusPayload } from '../../src-shared/contract/schemas/live.ts';
import type { WorkstationClient } from '../../src-shared/contract/index.ts';

export interface FeedListener {
  candles(payload: LiveCandlesPayload): void;
  status(payload: LiveStatusPayload): void;
  /** The lease was lost (the core restarted or the window slept past it): subscribe again. */
  expired(): void;
}

/** Leases run 60 s; renewing at a third of that survives two missed renewals. */
export const RENEW_EVERY_MS = 20_000;

type Early = { readonly kind: 'candles'; readonly payload: LiveCandlesPayload } | { readonly kind: 'status'; readonly payload: LiveStatusPayload };

/** Events of ids not (yet) attached are kept this long: one may beat its subscribe answer. */
const EARLY_KEEP_MS = 3_000;

export class LiveFeed {
  readonly client: WorkstationClient;
  readonly #listeners = new Map<string, FeedListener>();
  readonly #early = new Map<string, { readonly at: number; readonly events: Early[] }>();
  readonly #stop: Array<() => void>;

  constructor(client: WorkstationClient) {
    this.client = client;
    const timer = setInterval(() => void this.#renew(), RENEW_EVERY_MS);
    const unload = () => this.#releaseAll();
    window.addEventListener('pagehide', unload);
    this.#stop = [
      client.on('live.candles', (payload) => this.#route({ kind: 'candles', payload })),
      client.on('live.status', (payload) => this.#route({ kind: 'status', payload })),
      () => clearInterval(timer),
      () => window.removeEventListener('pagehide', unload),
    ];
  }

  /** Routes a subscription's events to `listener` (register before the first event can arrive). */
  attach(subscriptionId: string, listener: FeedListener): void {
    this.#listeners.set(subscriptionId, listener);
    const early = this.#early.get(subscriptionId);
    this.#early.delete(subscriptionId);
    for (const event of early?.events ?? []) deliver(listener, event);
  }

  /** Stops routing and releases the subscription in the core. */
  release(subscriptionId: string): void {
    if (!this.#listeners.delete(subscriptionId)) return;
    this.client.call('live.unsubscribe', { subscriptionId }).catch(() => {});
  }

  close(): void {
    this.#releaseAll();
    for (const stop of this.#stop) stop();
  }

  #route(event: Early): void {
    const id = event.payload.subscriptionId;
    const listener = this.#listeners.get(id);
    if (listener !== undefined) return deliver(listener, event);
    const now = performance.now();
    for (const [other, kept] of this.#early) if (now - kept.at > EARLY_KEEP_MS) this.#early.delete(other);
    const kept = this.#early.get(id) ?? { at: now, events: [] };
    kept.events.push(event);
    this.#early.set(id, kept);
  }

  #releaseAll(): void {
    for (const id of [...this.#listeners.keys()]) this.release(id);
  }

  async #renew(): Promise<void> {
    const ids = [...this.#listeners.keys()];
    if (ids.length === 0) return;
    try {
      const { unknown } = await this.client.call('live.renew', { subscriptionIds: ids });
      for (const id of unknown) {
        const listener = this.#listeners.get(id);
        this.#listeners.delete(id);
        listener?.expired();
      }
    } catch {
      // The connection is gone or the core is busy: the next renewal tries again within the lease.
    }
  }
}

function deliver(listener: FeedListener, event: Early): void {
  if (event.kind === 'candles') listener.candles(event.payload);
  else listener.status(event.payload);
}
