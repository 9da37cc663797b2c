/**
 * Which bars of a run the charts hold, and which to fetch next. A long run is never loaded
 * whole: the charts hold a window of at most `cap` bars around what is visible, with `margin`
 * bars either side, and ask for a new one when the view comes within `edge` bars of a loaded
 * end that is not the run's end. Only the newest request may land, so an answer that arrives
 * after a later request is ignored. Pure bookkeeping (no DOM, no RPC) so it is easy to reason about.
 */
import type { BarRange } from './types.ts';

export interface WindowPolicy {
  /** Bars loaded beyond each side of the view. */
  readonly margin: number;
  /** How close the view may come to a loaded end before the next window is fetched. */
  readonly edge: number;
  /** Most bars held at once. */
  readonly cap: number;
}

export const DEFAULT_POLICY: WindowPolicy = { margin: 3_000, edge: 1_000, cap: 20_000 };

export interface WindowRequest {
  readonly seq: number;
  readonly range: BarRange;
}

export interface WindowAnswer {
  readonly from: number;
  readonly to: number;
  readonly totalBars: number;
}

export class WindowLoader {
  readonly #policy: WindowPolicy;
  #totalBars: number;
  #loaded: BarRange | null = null;
  #pending: WindowRequest | null = null;
  #seq = 0;

  constructor(totalBars: number, policy: WindowPolicy = DEFAULT_POLICY) {
    this.#totalBars = totalBars;
    this.#policy = policy;
  }

  get totalBars(): number {
    return this.#totalBars;
  }

  get loaded(): BarRange | null {
    return this.#loaded;
  }

  get pending(): WindowRequest | null {
    return this.#pending;
  }

  /** The window to fetch so the user can keep scrolling around `visible`; null when the held or awaited one will do. */
  follow(visible: BarRange): WindowRequest | null {
    const view = this.#clamp(visible);
    if (this.#pending !== null) {
      if (this.#roomy(this.#pending.range, view)) return null;
    } else if (this.#loaded !== null && this.#roomy(this.#loaded, view)) {
      return null;
    }
    const range = this.#around(view);
    if (this.#pending !== null && sameRange(range, this.#pending.range)) return null;
    if (this.#pending === null && this.#loaded !== null && sameRange(range, this.#loaded)) return null;
    return this.#issue(range);
  }

  /** The window to fetch to show exactly `view` (a jump); null when the held window contains it. */
  jump(view: BarRange): WindowRequest | null {
    const wanted = this.#clamp(view);
    if (this.#pending === null && this.#loaded !== null && this.#loaded.from <= wanted.from && wanted.to <= this.#loaded.to) return null;
    return this.#issue(this.#around(wanted));
  }

  /**
   * Takes an answer in: null when a newer request superseded it, else the shift of bar
   * indices (old window start minus new), which keeps the view where it was.
   */
  accept(seq: number, answer: WindowAnswer): { readonly shift: number } | null {
    if (seq !== this.#seq) return null;
    const shift = this.#loaded === null ? 0 : this.#loaded.from - answer.from;
    this.#loaded = { from: answer.from, to: answer.to };
    this.#totalBars = answer.totalBars;
    this.#pending = null;
    return { shift };
  }

  /** A request failed: forget it so the next scroll asks again; true when it was the newest (its failure matters). */
  fail(seq: number): boolean {
    if (seq !== this.#seq) return false;
    this.#pending = null;
    return true;
  }

  /** The window centred on `view`: the view plus a margin each side, at most `cap` bars, inside the run. */
  #around(view: BarRange): BarRange {
    const { margin, cap } = this.#policy;
    const from = Math.floor(view.from);
    const to = Math.ceil(view.to);
    const size = Math.min(cap, this.#totalBars, to - from + 2 * margin);
    let start = Math.floor((from + to) / 2 - size / 2);
    start = Math.max(0, Math.min(start, this.#totalBars - size));
    return { from: start, to: start + size };
  }

  #issue(range: BarRange): WindowRequest {
    this.#seq += 1;
    this.#pending = { seq: this.#seq, range };
    return this.#pending;
  }

  #clamp(view: BarRange): BarRange {
    const from = Math.max(0, Math.min(view.from, this.#totalBars));
    return { from, to: Math.max(from, Math.min(view.to, this.#totalBars)) };
  }

  /** Whether `range` holds `view` with room to scroll `edge` bars either way (or up to the run's end). */
  #roomy(range: BarRange, view: BarRange): boolean {
    const { edge } = this.#policy;
    const before = range.from === 0 ? view.from >= 0 : view.from - range.from >= edge;
    const after = range.to === this.#totalBars ? view.to <= range.to : range.to - view.to >= edge;
    return before && after;
  }
}

function sameRange(a: BarRange, b: BarRange): boolean {
  return a.from === b.from && a.to === b.to;
}

/** Bar indices to the chart's logical indices of a window starting at `windowFrom`, and back. */
export function toLogical(view: BarRange, windowFrom: number): BarRange {
  return { from: view.from - windowFrom, to: view.to - windowFrom - 1 };
}

export function toBars(logical: BarRange, windowFrom: number): BarRange {
  return { from: logical.from + windowFrom, to: logical.to + windowFrom + 1 };
}
