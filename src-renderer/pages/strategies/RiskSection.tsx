/**
 * Risk exits: stop-loss and take-profit (percent, ATR multiple or an indicator's level), a
 * trailing stop (percent or ATR), break-even and a maximum time in the trade. Each is off
 * until chosen; a distance of 0 also turns it off, as the language defines.
 */
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { DocPath } from '../../../src-shared/strategy/editing.ts';
import { defaultExitLevel, defaultTrailingStop, EXIT_LEVEL_KINDS, exitLevelKind, type ExitLevelKind, TRAILING_KINDS } from '../../../src-shared/strategy/spec-parts.ts';
import { editDraft } from '../../state/strategies.ts';
import { choices, PartIssues, SelectInput, useDraftAt } from './fields.tsx';
import { NumberRefInput } from './NumberRefInput.tsx';
import { useIndicatorIds, useIndicatorOutputs, usePartContext } from './OperandEditor.tsx';

const OFF = '';

function IndicatorLevel({ path, testId }: { path: DocPath; testId: string }) {
  const id = useDraftAt([...path, 'indicator']);
  const output = useDraftAt([...path, 'output']);
  const ids = useIndicatorIds();
  const outputs = useIndicatorOutputs(typeof id === 'string' ? id : '');
  return (
    <>
      <SelectInput label="indicator" value={typeof id === 'string' ? id : ''} options={choices(ids)} onChange={(next) => editDraft([...path, 'indicator'], next)} testId={`${testId}-indicator`} />
      {(outputs.length > 1 || output !== undefined) && (
        <SelectInput
          label="output"
          value={typeof output === 'string' ? output : ''}
          options={[{ value: '', label: '(none)' }, ...choices(outputs)]}
          onChange={(next) => editDraft([...path, 'output'], next === '' ? undefined : next)}
          testId={`${testId}-output`}
        />
      )}
    </>
  );
}

function ExitLevelInput({ field, label, trailing = false }: { field: string; label: string; trailing?: boolean }) {
  const path = ['risk', field];
  const value = useDraftAt(path);
  const context = usePartContext();
  const kind = value === undefined ? OFF : (exitLevelKind(value) ?? '');
  const testId = `risk-${field}`;
  const onChange = (next: string) => {
    if (next === OFF) editDraft(path, undefined);
    else editDraft(path, trailing ? defaultTrailingStop(next as 'percent' | 'atr') : defaultExitLevel(next as ExitLevelKind, context));
  };
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <SelectInput label={label} value={kind} options={[{ value: OFF, label: 'off' }, ...choices(trailing ? TRAILING_KINDS : EXIT_LEVEL_KINDS)]} onChange={onChange} testId={`${testId}-kind`} minWidth={130} />
      {kind === 'percent' && <NumberRefInput path={[...path, 'percent']} label="percent" testId={`${testId}-percent`} />}
      {kind === 'atr' && (
        <>
          <NumberRefInput path={[...path, 'atr']} label="ATR multiple" testId={`${testId}-atr`} />
          <NumberRefInput path={[...path, 'period']} label="ATR period" testId={`${testId}-period`} optional />
        </>
      )}
      {kind === 'indicator' && <IndicatorLevel path={path} testId={testId} />}
      <PartIssues path={path} />
    </Stack>
  );
}

function BreakEvenInput() {
  const path = ['risk', 'breakEven'];
  const value = useDraftAt(path);
  const on = value !== undefined;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <SelectInput
        label="break-even"
        value={on ? 'on' : OFF}
        options={[{ value: OFF, label: 'off' }, { value: 'on', label: 'on' }]}
        onChange={(next) => editDraft(path, next === OFF ? undefined : { afterPercent: 1 })}
        testId="risk-breakEven-kind"
        minWidth={130}
      />
      {on && (
        <>
          <NumberRefInput path={[...path, 'afterPercent']} label="after gain %" testId="risk-breakEven-after" />
          <NumberRefInput path={[...path, 'offsetPercent']} label="offset %" testId="risk-breakEven-offset" optional />
        </>
      )}
      <PartIssues path={path} />
    </Stack>
  );
}

export function RiskSection() {
  return (
    <Stack spacing={1.5}>
      <ExitLevelInput field="stopLoss" label="stop-loss" />
      <ExitLevelInput field="takeProfit" label="take-profit" />
      <ExitLevelInput field="trailingStop" label="trailing stop" trailing />
      <BreakEvenInput />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <NumberRefInput path={['risk', 'maxBarsInTrade']} label="max bars in trade" testId="risk-maxBarsInTrade" optional />
        <Typography variant="caption" color="text.secondary">
          closes a trade after this many bars
        </Typography>
      </Stack>
      <PartIssues path={['risk']} />
    </Stack>
  );
}
