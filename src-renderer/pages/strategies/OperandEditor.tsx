/**
 * One operand of a rule: a number, a parameter, a price field or an indicator output (each with
 * an optional look-back in bars), or arithmetic over operands, which nests.
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { useShallow } from 'zustand/react/shallow';
import { type DocPath, getAt, isRecord, pathText } from '../../../src-shared/strategy/editing.ts';
import { ARITHMETIC_KINDS, defaultOperand, indicatorIds, operandKind, OPERAND_KINDS, type OperandKind, parameterNames, type PartContext } from '../../../src-shared/strategy/spec-parts.ts';
import { type Operand, PRICE_FIELDS } from '../../../src-shared/strategy/spec.ts';
import { editDraft, useStrategies } from '../../state/strategies.ts';
import { choices, NumberInput, PartIssues, SelectInput, useDraftAt, useIssueText } from './fields.tsx';
import { NumberRefInput, useNumericParameters } from './NumberRefInput.tsx';

const KIND_LABELS: Readonly<Record<OperandKind, string>> = {
  number: 'number',
  param: 'parameter',
  price: 'price',
  indicator: 'indicator',
  add: 'a + b',
  sub: 'a − b',
  mul: 'a × b',
  div: 'a ÷ b',
  abs: '|a|',
};

/** Names a new part can point at: the first indicator and numeric parameter declared. */
export function usePartContext(): PartContext {
  return useStrategies(useShallow((s) => ({ indicator: indicatorIds(s.draft)[0], param: parameterNames(s.draft, 'numeric')[0] })));
}

export function useIndicatorIds(): string[] {
  return useStrategies(useShallow((s) => indicatorIds(s.draft)));
}

/** The outputs of the declared indicator `id`, as indicators.list names them for its kind. */
export function useIndicatorOutputs(id: string): string[] {
  return useStrategies(
    useShallow((s) => {
      const declared = getAt(s.draft, ['indicators']);
      const indicator = Array.isArray(declared) ? declared.find((i: unknown) => isRecord(i) && i.id === id) : undefined;
      const kind = isRecord(indicator) ? indicator.kind : undefined;
      return s.indicators.find((info) => info.kind === kind)?.outputs ?? [];
    }),
  );
}

function IndicatorOperand({ path, testId }: { path: DocPath; testId: string }) {
  const id = useDraftAt([...path, 'indicator']);
  const output = useDraftAt([...path, 'output']);
  const ids = useIndicatorIds();
  const outputs = useIndicatorOutputs(typeof id === 'string' ? id : '');
  const issue = useIssueText([...path, 'output']);
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
          issue={issue}
        />
      )}
    </>
  );
}

export function OperandEditor({ path, label }: { path: DocPath; label: string }) {
  const value = useDraftAt(path);
  const context = usePartContext();
  const params = useNumericParameters();
  const kind = operandKind(value);
  const testId = `operand-${pathText(path)}`;
  const setKind = (next: string) => editDraft(path, defaultOperand(next as OperandKind, context, kind === null ? undefined : (value as Operand)));
  const arithmetic = ARITHMETIC_KINDS.find((k) => k === kind);
  return (
    <Box sx={{ display: 'inline-flex', flexDirection: 'column', gap: 0.5 }}>
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <SelectInput label={label} value={kind ?? ''} options={OPERAND_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} onChange={setKind} testId={`${testId}-kind`} minWidth={100} />
        {kind === 'number' && <NumberInput path={path} label="value" testId={`${testId}-value`} />}
        {kind === 'param' && (
          <SelectInput label="parameter" value={String(getAt(value, ['param']) ?? '')} options={choices(params)} onChange={(next) => editDraft(path, { param: next })} testId={`${testId}-param`} />
        )}
        {kind === 'price' && (
          <SelectInput label="field" value={String(getAt(value, ['price']) ?? '')} options={choices(PRICE_FIELDS)} onChange={(next) => editDraft([...path, 'price'], next)} testId={`${testId}-price`} minWidth={90} />
        )}
        {kind === 'indicator' && <IndicatorOperand path={path} testId={testId} />}
        {(kind === 'price' || kind === 'indicator') && <NumberRefInput path={[...path, 'barsAgo']} label="bars ago" optional />}
      </Stack>
      {arithmetic !== undefined && (
        <Box sx={{ pl: 2, borderLeft: 2, borderColor: 'divider', display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          <OperandEditor path={[...path, arithmetic, 0]} label="a" />
          <OperandEditor path={[...path, arithmetic, 1]} label="b" />
        </Box>
      )}
      {kind === 'abs' && (
        <Box sx={{ pl: 2, borderLeft: 2, borderColor: 'divider' }}>
          <OperandEditor path={[...path, 'abs']} label="a" />
        </Box>
      )}
      <PartIssues path={path} testId={`${testId}-issue`} />
    </Box>
  );
}
