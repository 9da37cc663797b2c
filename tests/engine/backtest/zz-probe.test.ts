import { it } from 'vitest';
import { runBacktest } from '../../../src-engine/backtest/simulator.ts';
import { compileStrategy } from '../../../src-engine/strategy/compile.ts';
import { loadTemplates } from '../../../src-main/host/templates.ts';
import { testSettings } from '../../support/backtest-settings.ts';
import { loadFixtureCandles } from '../../support/fixtures.ts';
import { instrument } from '../../support/simulator-scenarios.ts';
it('probe', () => {
  const candles = loadFixtureCandles('BTCUSD-1d.csv');
  const t = loadTemplates().find((x) => x.name === 'bollinger-reversion')!;
  const r = runBacktest(compileStrategy(t.spec, candles), candles, testSettings({ takerFee: 0.00055, makerFee: 0.0002, slippageBps: 2, instrument: instrument({ tickSize: 0.01, qtyStep: 0.000001 }) }));
  for (const x of r.trades) console.log('T', x.side, x.qty.toFixed(6), x.entryBar, x.entryPrice, x.exitBar, x.exitPrice, x.exitReason, x.pnl.toFixed(2), x.returnPct.toFixed(2), x.initialStop, x.initialTarget);
});
