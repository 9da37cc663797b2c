/** A chart's series: exchange, market, symbol (applied on Enter or leaving the field) and interval. */
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { EXCHANGES, INTERVALS, MARKETS, type SeriesKey } from '../../src-shared/market.ts';
import { Choice } from '../pages/shared/fields.tsx';

const SYMBOL = /^[A-Z0-9]{2,30}$/;

export function SeriesControls({ value, testId, onChange }: { value: SeriesKey; testId: string; onChange: (key: SeriesKey) => void }) {
  const [symbol, setSymbol] = useState(value.symbol);
  useEffect(() => setSymbol(value.symbol), [value.symbol]);
  const valid = SYMBOL.test(symbol);
  const commit = () => {
    if (valid && symbol !== value.symbol) onChange({ ...value, symbol });
    else if (!valid) setSymbol(value.symbol);
  };
  return (
    <>
      <Choice label="Exchange" value={value.exchange} options={EXCHANGES} testId={`${testId}-exchange`} onChange={(exchange) => onChange({ ...value, exchange })} minWidth={84} />
      <Choice label="Market" value={value.market} options={MARKETS} testId={`${testId}-market`} onChange={(market) => onChange({ ...value, market })} minWidth={84} />
      <TextField
        size="small"
        label="Symbol"
        value={symbol}
        error={!valid}
        onChange={(event) => setSymbol(event.target.value.toUpperCase().trim())}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
        sx={{ width: 120 }}
        slotProps={{ htmlInput: { 'data-testid': `${testId}-symbol`, 'aria-label': 'Symbol', spellCheck: false } }}
      />
      <Choice label="Interval" value={value.interval} options={INTERVALS} testId={`${testId}-interval`} onChange={(interval) => onChange({ ...value, interval })} minWidth={84} />
    </>
  );
}
