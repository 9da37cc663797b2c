/**
 * `bst montecarlo`: Monte Carlo over a trade list (the trades.csv bst backtest writes, or any
 * CSV with a pnl column): reshuffled, bootstrapped with replacement, or with a share of the
 * trades skipped; prints the percentiles of final equity and maximum drawdown, and with --out
 * writes the equity bands per trade number.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MONTE_CARLO_PERCENTILES, monteCarlo, type MonteCarloMethod } from '../../../src-engine/optimise/monte-carlo.ts';
import { choiceOption, numberOption } from '../options.ts';
import { UsageError } from '../usage-error.ts';

export const MONTECARLO_OPTIONS = {
  trades: { type: 'string' },
  method: { type: 'string' },
  skip: { type: 'string' },
  simulations: { type: 'string' },
  seed: { type: 'string' },
  capital: { type: 'string' },
  out: { type: 'string' },
} as const;

export type MonteCarloOptions = { [K in keyof typeof MONTECARLO_OPTIONS]?: string };

/** The pnl column of a trades CSV, in file order. */
export function readTradePnl(file: string): number[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new UsageError(`${file} is empty; expected a header with a pnl column`);
  const column = lines[0].split(',').map((name) => name.trim().toLowerCase()).indexOf('pnl');
  if (column < 0) throw new UsageError(`${file}: the header has no pnl column (bst backtest --out writes trades.csv with one)`);
  return lines.slice(1).map((line, i) => {
    const value = Number(line.split(',')[column]);
    if (!Number.isFinite(value)) throw new UsageError(`${file} line ${i + 2}: pnl "${line.split(',')[column]}" is not a number`);
    return value;
  });
}

const money = (value: number) => value.toFixed(2);

export function runMonteCarloCommand(options: MonteCarloOptions, write: (text: string) => void): void {
  if (options.trades === undefined) throw new UsageError('bst montecarlo needs --trades <trades.csv> (as bst backtest --out writes it)');
  const method = choiceOption<MonteCarloMethod>('method', options.method, ['reshuffle', 'bootstrap', 'skip'], 'reshuffle');
  const skipPct = numberOption('skip', options.skip, 10, { min: 0, max: 99 });
  const simulations = Math.floor(numberOption('simulations', options.simulations, 1000, { min: 1 }));
  const seed = Math.floor(numberOption('seed', options.seed, 1));
  const initialCapital = numberOption('capital', options.capital, 10_000, { above: 0 });
  const pnl = readTradePnl(options.trades);
  if (pnl.length === 0) throw new UsageError(`${options.trades} has no trades`);
  const result = monteCarlo({ trades: pnl, kind: 'pnl', initialCapital, method, skipPct: method === 'skip' ? skipPct : undefined, simulations, seed });
  const keys = MONTE_CARLO_PERCENTILES.map((p) => `p${p}` as const);
  const described = method === 'skip' ? `skip ${skipPct}%` : method;
  const lines = [
    `monte carlo (${described}): ${simulations} simulations of ${result.steps} of ${pnl.length} trades from ${money(initialCapital)}, seed ${seed}`,
    'percentile,final_equity,max_drawdown_pct',
    ...MONTE_CARLO_PERCENTILES.map((p, i) => `${p},${money(result.finalEquity[keys[i]])},${result.maxDrawdownPct[keys[i]].toFixed(2)}`),
    `ruin probability: ${(result.ruinProbability * 100).toFixed(2)}%`,
  ];
  write(`${lines.join('\n')}\n`);
  if (options.out !== undefined) {
    mkdirSync(options.out, { recursive: true });
    const rows = Array.from({ length: result.steps + 1 }, (_, k) => [k, ...keys.map((key) => result.equity[key][k])].join(','));
    writeFileSync(path.join(options.out, 'montecarlo-bands.csv'), `trade,${keys.join(',')}\n${rows.join('\n')}\n`);
    write(`wrote montecarlo-bands.csv to ${options.out}\n`);
  }
}
