/**
 * The simulator settings: capital, fees in percent (blank: the market's default from Settings,
 * shown as the placeholder), slippage, leverage and the fill and end-of-data rules.
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { END_OF_DATA, EXITS_LIVE_FROM, type FieldErrors, FILL_TIMINGS, INTRABAR_PATHS } from '../../../src-shared/backtest-view/request.ts';
import { fractionToPercent } from '../../../src-shared/backtest-view/units.ts';
import { editRunSettings, resetRunSettings, useBacktestForm } from '../../state/backtest-form.ts';
import { useSettings } from '../../state/settings.ts';
import { Choice, NumberField } from './fields.tsx';
import type { RunFormModel } from './useRunForm.ts';

/** The core's fallback without a market default (CSV data): taker 0.06 %, maker the same. */
const FALLBACK_FEE = { maker: 0.0006, taker: 0.0006 };

function useDefaultFees(model: RunFormModel): { maker: number; taker: number; helper: string } {
  const fees = useSettings((s) => s.saved?.defaultFees ?? null);
  const dataKind = useBacktestForm((s) => s.dataKind);
  const key = dataKind === 'cache' ? model.selected?.key : undefined;
  const pair = key === undefined || fees === null ? undefined : (fees as Record<string, Record<string, { maker: number; taker: number } | undefined>>)[key.exchange]?.[key.market];
  return pair === undefined ? { ...FALLBACK_FEE, helper: 'empty: default' } : { ...pair, helper: 'empty: Settings' };
}

export function SettingsFields({ model, errors }: { model: RunFormModel; errors: FieldErrors }) {
  const settings = useBacktestForm((s) => s.settings);
  const fees = useDefaultFees(model);
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <NumberField label="Initial capital" value={settings.capital} testId="backtest-capital" onChange={(capital) => editRunSettings({ capital })} error={errors.capital} min={0} />
      <NumberField
        label="Taker fee %"
        value={settings.takerFeePct}
        placeholder={String(fractionToPercent(fees.taker))}
        helperText={fees.helper}
        testId="backtest-taker-fee"
        onChange={(takerFeePct) => editRunSettings({ takerFeePct })}
        error={errors.takerFee}
        min={0}
        max={10}
        width={120}
      />
      <NumberField
        label="Maker fee %"
        value={settings.makerFeePct}
        placeholder={String(fractionToPercent(fees.maker))}
        helperText={fees.helper}
        testId="backtest-maker-fee"
        onChange={(makerFeePct) => editRunSettings({ makerFeePct })}
        error={errors.makerFee}
        min={0}
        max={10}
        width={120}
      />
      <NumberField label="Slippage (bps)" value={settings.slippageBps} testId="backtest-slippage" onChange={(slippageBps) => editRunSettings({ slippageBps })} error={errors.slippageBps} min={0} max={10_000} width={120} />
      <NumberField label="Leverage" value={settings.leverage} placeholder="strategy's" helperText="empty: strategy's" testId="backtest-leverage" onChange={(leverage) => editRunSettings({ leverage })} error={errors.leverage} min={1} max={125} width={120} />
      <Choice label="Fill" value={settings.fill} options={FILL_TIMINGS} labels={{ 'next-open': "next bar's open", close: "signal bar's close" }} testId="backtest-fill" onChange={(fill) => editRunSettings({ fill })} />
      <Choice label="Intrabar path" value={settings.intrabar} options={INTRABAR_PATHS} labels={{ pessimistic: 'pessimistic', tradingview: 'TradingView' }} testId="backtest-intrabar" onChange={(intrabar) => editRunSettings({ intrabar })} />
      <Choice label="Exits live from" value={settings.exitsLiveFrom} options={EXITS_LIVE_FROM} labels={{ 'entry-bar': 'entry bar', 'next-bar': 'next bar' }} testId="backtest-exits-live-from" onChange={(exitsLiveFrom) => editRunSettings({ exitsLiveFrom })} />
      <Choice
        label="At end of data"
        value={settings.atEnd}
        options={END_OF_DATA}
        labels={{ 'leave-open': 'leave open', 'close-at-open': "close at last bar's open", 'close-at-close': "close at last bar's close" }}
        testId="backtest-at-end"
        onChange={(atEnd) => editRunSettings({ atEnd })}
        minWidth={200}
      />
      <Button size="small" onClick={resetRunSettings} sx={{ alignSelf: 'center' }} data-testid="backtest-reset-settings">
        Defaults
      </Button>
    </Stack>
  );
}
