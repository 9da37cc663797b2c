/**
 * The simulator settings of any run form: capital, fees in percent (blank: the market's default
 * from Settings, shown as the placeholder), slippage, leverage and the fill and end-of-data
 * rules. Test ids start with the page's prefix (backtest-capital, optimise-capital, ...).
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { END_OF_DATA, EXITS_LIVE_FROM, type FieldErrors, FILL_TIMINGS, INTRABAR_PATHS, type RunSettingsForm } from '../../../src-shared/backtest-view/request.ts';
import { fractionToPercent } from '../../../src-shared/backtest-view/units.ts';
import type { SeriesKey } from '../../../src-shared/market.ts';
import { useSettings } from '../../state/settings.ts';
import { Choice, NumberField } from './fields.tsx';

/** The core's fallback without a market default (CSV data): taker 0.06 %, maker the same. */
const FALLBACK_FEE = { maker: 0.0006, taker: 0.0006 };

function useDefaultFees(key: SeriesKey | undefined): { maker: number; taker: number; helper: string } {
  const fees = useSettings((s) => s.saved?.defaultFees ?? null);
  const pair = key === undefined || fees === null ? undefined : (fees as Record<string, Record<string, { maker: number; taker: number } | undefined>>)[key.exchange]?.[key.market];
  return pair === undefined ? { ...FALLBACK_FEE, helper: 'empty: default' } : { ...pair, helper: 'empty: Settings' };
}

export interface SettingsFieldsProps {
  readonly prefix: string;
  readonly settings: RunSettingsForm;
  readonly onChange: (change: Partial<RunSettingsForm>) => void;
  readonly onReset: () => void;
  /** The cached series run on, whose market's default fees apply; undefined for CSV data. */
  readonly feeKey: SeriesKey | undefined;
  readonly errors: FieldErrors;
}

export function SettingsFields({ prefix, settings, onChange, onReset, feeKey, errors }: SettingsFieldsProps) {
  const fees = useDefaultFees(feeKey);
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <NumberField label="Initial capital" value={settings.capital} testId={`${prefix}-capital`} onChange={(capital) => onChange({ capital })} error={errors.capital} min={0} />
      <NumberField
        label="Taker fee %"
        value={settings.takerFeePct}
        placeholder={String(fractionToPercent(fees.taker))}
        helperText={fees.helper}
        testId={`${prefix}-taker-fee`}
        onChange={(takerFeePct) => onChange({ takerFeePct })}
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
        testId={`${prefix}-maker-fee`}
        onChange={(makerFeePct) => onChange({ makerFeePct })}
        error={errors.makerFee}
        min={0}
        max={10}
        width={120}
      />
      <NumberField label="Slippage (bps)" value={settings.slippageBps} testId={`${prefix}-slippage`} onChange={(slippageBps) => onChange({ slippageBps })} error={errors.slippageBps} min={0} max={10_000} width={120} />
      <NumberField label="Leverage" value={settings.leverage} placeholder="strategy's" helperText="empty: strategy's" testId={`${prefix}-leverage`} onChange={(leverage) => onChange({ leverage })} error={errors.leverage} min={1} max={125} width={120} />
      <Choice label="Fill" value={settings.fill} options={FILL_TIMINGS} labels={{ 'next-open': "next bar's open", close: "signal bar's close" }} testId={`${prefix}-fill`} onChange={(fill) => onChange({ fill })} />
      <Choice label="Intrabar path" value={settings.intrabar} options={INTRABAR_PATHS} labels={{ pessimistic: 'pessimistic', tradingview: 'TradingView' }} testId={`${prefix}-intrabar`} onChange={(intrabar) => onChange({ intrabar })} />
      <Choice label="Exits live from" value={settings.exitsLiveFrom} options={EXITS_LIVE_FROM} labels={{ 'entry-bar': 'entry bar', 'next-bar': 'next bar' }} testId={`${prefix}-exits-live-from`} onChange={(exitsLiveFrom) => onChange({ exitsLiveFrom })} />
      <Choice
        label="At end of data"
        value={settings.atEnd}
        options={END_OF_DATA}
        labels={{ 'leave-open': 'leave open', 'close-at-open': "close at last bar's open", 'close-at-close': "close at last bar's close" }}
        testId={`${prefix}-at-end`}
        onChange={(atEnd) => onChange({ atEnd })}
        minWidth={200}
      />
      <Button size="small" onClick={onReset} sx={{ alignSelf: 'center' }} data-testid={`${prefix}-reset-settings`}>
        Defaults
      </Button>
    </Stack>
  );
}
