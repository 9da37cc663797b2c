/**
 * Fault injection: a plan of rules that make the next requests misbehave the way real
 * exchanges and networks do. Counted rules apply to the next `count` matching requests (default
 * 1, Infinity until the plan is replaced); gaps are permanent holes in the candle history.
 */
import type { Exchange, Market } from '../../src-shared/market.ts';
import type { SymbolSpec } from './catalogue.ts';

/** Which requests a counted rule applies to: `path` is a substring of the URL path (prefix included). */
export interface FaultMatch {
  readonly count?: number;
  readonly path?: string;
  readonly exchange?: Exchange;
}

export type FaultRule =
  /** Binance: 429 + Retry-After, code -1003. Bybit: 403 "access too frequent" ('ip', default) or retCode 10006 ('api'). */
  | (FaultMatch & { readonly kind: 'rate-limit'; readonly retryAfterSeconds?: number; readonly bybitStyle?: 'ip' | 'api' })
  /** Binance: 418 IP ban with Retry-After. Bybit: 403 like its IP limit. */
  | (FaultMatch & { readonly kind: 'ban'; readonly retryAfterSeconds?: number })
  | (FaultMatch & { readonly kind: 'server-error'; readonly status?: 500 | 502 | 503 | 504 })
  /** Answer after `delayMs`. */
  | (FaultMatch & { readonly kind: 'slow'; readonly delayMs: number })
  /** Destroy the socket: before any byte ('before-response') or halfway through the body ('mid-body', default). */
  | (FaultMatch & { readonly kind: 'drop'; readonly stage?: 'before-response' | 'mid-body' })
  /** Kline pages only: repeat some candles of the page. */
  | (FaultMatch & { readonly kind: 'duplicate-klines' })
  /** Kline pages only: swap neighbouring candles. */
  | (FaultMatch & { readonly kind: 'out-of-order-klines' })
  /** Kline pages only: one candle with high below low (default), a non-numeric price, or a row missing its last field. */
  | (FaultMatch & { readonly kind: 'malformed-klines'; readonly defect?: 'high-below-low' | 'non-numeric' | 'short-row' })
  /** No candles in [from, to) (a maintenance window), for matching listings; truth() shows the hole too. */
  | { readonly kind: 'gap'; readonly from: number; readonly to: number; readonly exchange?: Exchange; readonly market?: Market; readonly symbol?: string };

export type FaultPlan = readonly FaultRule[];

export type ResponseFault = Extract<FaultRule, { kind: 'rate-limit' | 'ban' | 'server-error' | 'drop' }>;
export type PageFault = Extract<FaultRule, { kind: 'duplicate-klines' | 'out-of-order-klines' | 'malformed-klines' }>;

/** What the faults decided for one request. */
export interface RequestFaults {
  readonly delayMs: number;
  readonly response: ResponseFault | null;
  readonly page: readonly PageFault[];
}

type CountedRule = Exclude<FaultRule, { kind: 'gap' }>;

export class FaultState {
  private rules: Array<{ rule: CountedRule; left: number }> = [];
  private gapRules: Array<Extract<FaultRule, { kind: 'gap' }>> = [];

  /** Replaces the whole plan, counters included. */
  set(plan: FaultPlan): void {
    this.rules = [];
    this.gapRules = [];
    for (const rule of plan) {
      if (rule.kind === 'gap') {
        if (!(rule.from < rule.to)) throw new Error(`gap needs from < to, got ${rule.from} .. ${rule.to}`);
        this.gapRules.push(rule);
      } else {
        this.rules.push({ rule, left: rule.count ?? 1 });
      }
    }
  }

  /** Consumes the rules that apply to this request. */
  take(path: string, exchange: Exchange, isKlines: boolean): RequestFaults {
    let delayMs = 0;
    let response: ResponseFault | null = null;
    const page: PageFault[] = [];
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0 || (rule.path !== undefined && !path.includes(rule.path)) || (rule.exchange !== undefined && rule.exchange !== exchange)) continue;
      if (rule.kind === 'slow') {
        delayMs += rule.delayMs;
      } else if (rule.kind === 'duplicate-klines' || rule.kind === 'out-of-order-klines' || rule.kind === 'malformed-klines') {
        if (!isKlines) continue;
        page.push(rule);
      } else {
        if (response !== null) continue;
        response = rule;
      }
      entry.left--;
    }
    return { delayMs, response, page };
  }

  gapsFor(spec: SymbolSpec): Array<readonly [number, number]> {
    return this.gapRules
      .filter((gap) => (gap.exchange ?? spec.exchange) === spec.exchange && (gap.market ?? spec.market) === spec.market && (gap.symbol ?? spec.symbol) === spec.symbol)
      .map((gap) => [gap.from, gap.to] as const);
  }
}

/**
 * Applies page faults to one kline page, rows in the exchange's own format (in the order the
 * exchange sends them); `layout` says where high, low and close sit in a row.
 */
export function applyPageFaults<Row extends unknown[]>(rows: Row[], faults: readonly PageFault[], layout: { high: number; low: number; close: number }): Row[] {
  let page = rows.map((row) => [...row] as Row);
  for (const fault of faults) {
    if (page.length === 0) continue;
    const middle = Math.floor(page.length / 2);
    if (fault.kind === 'duplicate-klines') {
      page = page.flatMap((row, i) => (i === 0 || i === middle ? [row, [...row] as Row] : [row]));
    } else if (fault.kind === 'out-of-order-klines') {
      if (page.length < 2) continue;
      const at = Math.min(middle, page.length - 2);
      [page[at], page[at + 1]] = [page[at + 1], page[at]];
    } else {
      const row = page[middle];
      const defect = fault.defect ?? 'high-below-low';
      if (defect === 'high-below-low') [row[layout.high], row[layout.low]] = [row[layout.low], row[layout.high]];
      else if (defect === 'non-numeric') row[layout.close] = 'not-a-number';
      else row.pop();
      // A flat candle has high == low; push the low above the high so the defect always shows.
      if (defect === 'high-below-low' && row[layout.high] === row[layout.low]) row[layout.low] = `${row[layout.low]}1`;
    }
  }
  return page;
}
