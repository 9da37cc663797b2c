/** The strategy's name, description, traded direction (or a choice parameter), reversal and leverage. */
import Stack from '@mui/material/Stack';
import { useShallow } from 'zustand/react/shallow';
import { isRecord } from '../../../src-shared/strategy/editing.ts';
import { parameterNames } from '../../../src-shared/strategy/spec-parts.ts';
import { DIRECTIONS } from '../../../src-shared/strategy/spec.ts';
import { editDraft, useStrategies } from '../../state/strategies.ts';
import { FlagInput, SelectInput, TextInput, useDraftAt, useIssueText } from './fields.tsx';
import { NumberRefInput } from './NumberRefInput.tsx';

const PARAM_PREFIX = 'param:';

function DirectionInput() {
  const value = useDraftAt(['direction']);
  const issue = useIssueText(['direction']);
  const choiceParams = useStrategies(useShallow((s) => parameterNames(s.draft, 'choice')));
  const current = isRecord(value) && typeof value.param === 'string' ? `${PARAM_PREFIX}${value.param}` : typeof value === 'string' ? value : '';
  const options = [...DIRECTIONS.map((d) => ({ value: d, label: d })), ...choiceParams.map((name) => ({ value: `${PARAM_PREFIX}${name}`, label: `parameter ${name}` }))];
  const onChange = (next: string) => editDraft(['direction'], next.startsWith(PARAM_PREFIX) ? { param: next.slice(PARAM_PREFIX.length) } : next);
  return <SelectInput label="direction" value={current} options={options} onChange={onChange} testId="strategy-direction" issue={issue} minWidth={150} />;
}

export function GeneralSection() {
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextInput path={['name']} label="name" testId="strategy-name" />
        <DirectionInput />
        <FlagInput path={['reverse']} label="reverse on opposite signal" testId="strategy-reverse" />
        <NumberRefInput path={['leverage']} label="leverage" testId="strategy-leverage" optional />
      </Stack>
      <TextInput path={['description']} label="description" testId="strategy-description" optional wide />
    </Stack>
  );
}
