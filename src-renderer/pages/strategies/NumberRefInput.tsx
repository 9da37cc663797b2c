/**
 * A numeric field of the strategy language: a number, or a reference to a declared numeric
 * parameter (`{"param": "fast"}`), chosen by a small kind switch next to it. Optional fields
 * also offer "off", which removes them from the document.
 */
import Stack from '@mui/material/Stack';
import { useShallow } from 'zustand/react/shallow';
import { type DocPath, isRecord } from '../../../src-shared/strategy/editing.ts';
import { numberRefKind, parameterNames } from '../../../src-shared/strategy/spec-parts.ts';
import { editDraft, useStrategies } from '../../state/strategies.ts';
import { type Choice, choices, fieldTestId, NumberInput, SelectInput, useDraftAt, useIssueText } from './fields.tsx';

const KINDS: readonly Choice[] = [
  { value: 'number', label: '123' },
  { value: 'param', label: 'param' },
];
const OPTIONAL_KINDS: readonly Choice[] = [{ value: 'off', label: 'off' }, ...KINDS];

export function useNumericParameters(): string[] {
  return useStrategies(useShallow((s) => parameterNames(s.draft, 'numeric')));
}

export function NumberRefInput({ path, label, testId = fieldTestId(path), optional = false }: { path: DocPath; label: string; testId?: string; optional?: boolean }) {
  const value = useDraftAt(path);
  const issue = useIssueText(path);
  const params = useNumericParameters();
  const kind = numberRefKind(value) ?? (value === undefined && optional ? 'off' : 'number');
  const setKind = (next: string) => {
    if (next === 'off') editDraft(path, undefined);
    else if (next === 'param') editDraft(path, { param: params[0] ?? '' });
    else editDraft(path, 0);
  };
  const param = isRecord(value) && typeof value.param === 'string' ? value.param : '';
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      {kind === 'number' && <NumberInput path={path} label={label} testId={testId} optional={optional} />}
      {kind === 'param' && (
        <SelectInput label={label} value={param} options={choices(params)} onChange={(name) => editDraft(path, { param: name })} testId={`${testId}-param`} issue={issue} />
      )}
      <SelectInput label={kind === 'off' ? label : 'as'} value={kind} options={optional ? OPTIONAL_KINDS : KINDS} onChange={setKind} testId={`${testId}-kind`} minWidth={80} />
    </Stack>
  );
}
