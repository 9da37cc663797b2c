/** How entries are placed (market, limit or stop with offset and validity) and how positions are sized. */
import Stack from '@mui/material/Stack';
import { ENTRY_ORDER_TYPES, type EntryOrderType, defaultEntryOrder, defaultSizing, SIZING_AMOUNTS, SIZING_MODES, type SizingMode } from '../../../src-shared/strategy/spec-parts.ts';
import { editDraft } from '../../state/strategies.ts';
import { choices, PartIssues, SelectInput, useDraftAt, useIssueText } from './fields.tsx';
import { NumberRefInput } from './NumberRefInput.tsx';

const DEFAULT = '';

function EntryOrderInput() {
  const order = useDraftAt(['entryOrder']);
  const type = useDraftAt(['entryOrder', 'type']);
  const issue = useIssueText(['entryOrder', 'type']);
  const current = order === undefined ? DEFAULT : typeof type === 'string' ? type : '';
  const onChange = (next: string) => editDraft(['entryOrder'], next === DEFAULT ? undefined : defaultEntryOrder(next as EntryOrderType, order));
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <SelectInput label="entry order" value={current} options={[{ value: DEFAULT, label: 'market (default)' }, ...choices(ENTRY_ORDER_TYPES)]} onChange={onChange} testId="entry-order-type" issue={issue} minWidth={150} />
      {(current === 'limit' || current === 'stop') && (
        <>
          <NumberRefInput path={['entryOrder', 'offsetPercent']} label="offset %" testId="entry-order-offset" />
          <NumberRefInput path={['entryOrder', 'validBars']} label="valid bars" testId="entry-order-valid-bars" optional />
        </>
      )}
      <PartIssues path={['entryOrder']} />
    </Stack>
  );
}

function SizingInput() {
  const sizing = useDraftAt(['sizing']);
  const mode = useDraftAt(['sizing', 'mode']);
  const issue = useIssueText(['sizing', 'mode']);
  const current = sizing === undefined ? DEFAULT : typeof mode === 'string' ? mode : '';
  const amount = current === DEFAULT || current === 'all-equity' ? undefined : SIZING_AMOUNTS[current as Exclude<SizingMode, 'all-equity'>];
  const onChange = (next: string) => editDraft(['sizing'], next === DEFAULT ? undefined : defaultSizing(next as SizingMode));
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <SelectInput label="sizing" value={current} options={[{ value: DEFAULT, label: 'all equity (default)' }, ...choices(SIZING_MODES)]} onChange={onChange} testId="sizing-mode" issue={issue} minWidth={170} />
      {amount !== undefined && <NumberRefInput path={['sizing', amount.field]} label={amount.label} testId="sizing-amount" />}
      <PartIssues path={['sizing']} />
    </Stack>
  );
}

export function OrdersSection() {
  return (
    <Stack spacing={1.5}>
      <EntryOrderInput />
      <SizingInput />
    </Stack>
  );
}
