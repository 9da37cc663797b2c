/**
 * Monte Carlo on a trade list: replay the trades many times in another order (reshuffle), drawn
 * with replacement (bootstrap), or with a share of them left out (skip), and report percentile
 * bands of the equity path, the maximum drawdown and the final equity. It shows how much of a
 * backtest's smooth curve was the luck of the order; the same seed gives the same bands.
 */
import { createRng } from './random.ts';

export type MonteCarloMethod = 'reshuffle' | 'bootstrap' | 'skip';

export const MONTE_CARLO_PERCENTILES = [5, 25, 50, 75, 95] as const;

export interface MonteCarloOptions {
  /** One value per closed trade, in order. */
  readonly trades: readonly number[];
  /** pnl: money added to equity; returnPct: percent of equity compounded (the trade's returnPct as if it held all equity). */
  readonly kind: 'pnl' | 'returnPct';
  readonly initialCapital: number;
  readonly method: MonteCarloMethod;
  /** skip only: percent of trades left out of each simulation (rounded to whole trades). */
  readonly skipPct?: number;
  readonly simulations: number;
  readonly seed: number;
}

/** Values at the 5th, 25th, 50th, 75th and 95th percentiles. */
export interface Percentiles {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

export interface MonteCarloResult {
  /** Trades per simulation; each equity band has steps + 1 values (the start, then after each trade). */
  readonly steps: number;
  readonly equity: { readonly [K in keyof Percentiles]: Float64Array };
  /**
   * Percentiles, step by step, of how far each path is below its own running peak (percent, 0 or
   * negative; p5 is the deepest): the drawdown a trader should expect at that point of the run.
   */
  readonly drawdownPct: { readonly [K in keyof Percentiles]: Float64Array };
  /** Percent, positive, over each simulated path (the start included as the first peak). */
  readonly maxDrawdownPct: Percentiles;
  readonly finalEquity: Percentiles;
  /** Share of simulations whose equity reached zero or below at some step. */
  readonly ruinProbability: number;
}

/** Linear interpolation between closest ranks (numpy's default) on sorted values. */
export function percentileOfSorted(sorted: ArrayLike<number>, pct: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = (pct / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

function percentiles(values: Float64Array): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const [p5, p25, p50, p75, p95] = MONTE_CARLO_PERCENTILES.map((p) => percentileOfSorted(sorted, p));
  return { p5, p25, p50, p75, p95 };
}

/** Percentiles across simulations at each step of `paths` (simulation-major, `width` steps each). */
function bandsOf(paths: Float64Array, simulations: number, width: number): MonteCarloResult['equity'] {
  const bands = { p5: new Float64Array(width), p25: new Float64Array(width), p50: new Float64Array(width), p75: new Float64Array(width), p95: new Float64Array(width) };
  const column = new Float64Array(simulations);
  for (let k = 0; k < width; k++) {
    for (let s = 0; s < simulations; s++) column[s] = paths[s * width + k];
    const p = percentiles(column);
    bands.p5[k] = p.p5;
    bands.p25[k] = p.p25;
    bands.p50[k] = p.p50;
    bands.p75[k] = p.p75;
    bands.p95[k] = p.p95;
  }
  return bands;
}

export function monteCarlo(options: MonteCarloOptions): MonteCarloResult {
  const { trades, kind, initialCapital, method } = options;
  const simulations = Math.floor(options.simulations);
  if (!(simulations >= 1)) throw new RangeError(`simulations must be at least 1, got ${options.simulations}`);
  if (!(initialCapital > 0)) throw new RangeError(`initial capital must be above 0, got ${initialCapital}`);
  const skipPct = options.skipPct ?? 0;
  if (method === 'skip' && !(skipPct >= 0 && skipPct < 100)) throw new RangeError(`skipPct must be in [0, 100), got ${skipPct}`);
  const n = trades.length;
  const steps = method === 'skip' ? n - Math.round((n * skipPct) / 100) : n;
  const rng = createRng(options.seed);

  // paths[s * (steps + 1) + k]: equity of simulation s after k trades.
  const width = steps + 1;
  const paths = new Float64Array(simulations * width);
  const underwater = new Float64Array(simulations * width);
  const drawdowns = new Float64Array(simulations);
  const finals = new Float64Array(simulations);
  const order = Array.from({ length: n }, (_, i) => i);
  let ruined = 0;
  for (let s = 0; s < simulations; s++) {
    if (method !== 'bootstrap') {
      // A partial Fisher-Yates gives a uniform random ordered selection of `steps` trades.
      for (let i = 0; i < steps; i++) {
        const j = i + rng.int(n - i);
        [order[i], order[j]] = [order[j], order[i]];
      }
    }
    const picks = method === 'skip' ? order.slice(0, steps).sort((a, b) => a - b) : null;
    let equity = initialCapital;
    let peak = equity;
    let worst = 0;
    let ruin = false;
    paths[s * width] = equity;
    for (let k = 0; k < steps; k++) {
      const t = method === 'bootstrap' ? rng.int(n) : picks ? picks[k] : order[k];
      // A wiped-out account trades no more: the path stays at 0 and its drawdown at 100%.
      if (!ruin) equity = kind === 'pnl' ? equity + trades[t] : equity * (1 + trades[t] / 100);
      if (equity <= 0) {
        ruin = true;
        equity = 0;
      }
      paths[s * width + k + 1] = equity;
      if (equity > peak) peak = equity;
      else if (peak > 0) worst = Math.max(worst, (1 - equity / peak) * 100);
      underwater[s * width + k + 1] = peak > 0 ? (equity / peak - 1) * 100 : 0;
    }
    drawdowns[s] = worst;
    finals[s] = equity;
    if (ruin) ruined++;
  }

  return {
    steps,
    equity: bandsOf(paths, simulations, width),
    drawdownPct: bandsOf(underwater, simulations, width),
    maxDrawdownPct: percentiles(drawdowns),
    finalEquity: percentiles(finals),
    ruinProbability: ruined / simulations,
  };
}
