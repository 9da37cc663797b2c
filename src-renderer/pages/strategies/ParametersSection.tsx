/**
 * Declared parameters: numeric (default, min, max, optional step and whole-number flag) or a
 * choice among options. Fields elsewhere may reference them; overrides and optimisation vary them.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getAt, uniqueName } from '../../../src-shared/strategy/editing.ts';
import { defaultParameter, parameterKind, parameterNames, parseOptions } from '../../../src-shared/strategy/spec-parts.ts';
import { editDraft, useStrategies } from '../../state/strategies.ts';
import { FlagInput, NumberInput, PartIssues, TextInput, useDraftAt, useIssueText } from './fields.tsx';

/** Options as one comma-separated line; the text is kept while typing ("a, " is not yet "a"). */
function OptionsInput({ index, testId }: { index: number; testId: string }) {
  const path = ['parameters', index, 'options'];
  const value = useDraftAt(path);
  const issue = useIssueText(path);
  const options = Array.isArray(value) ? value.map(String) : [];
  const joined = options.join(', ');
  const [text, setText] = useState(joined);
  useEffect(() => {
    setText((current) => (parseOptions(current).join(', ') === joined ? current : joined));
  }, [joined]);
  return (
    <TextField
      size="small"
      label="options (comma-separated)"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        editDraft(path, parseOptions(event.target.value));
      }}
      error={issue !== ''}
      helperText={issue === '' ? undefined : issue}
      sx={{ minWidth: 240 }}
      slotProps={{ htmlInput: { 'data-testid': testId, spellCheck: false } }}
    />
  );
}

function ParameterRow({ index }: { index: number }) {
  const path = ['parameters', index];
  const parameter = useDraftAt(path);
  const name = useDraftAt([...path, 'name']);
  const kind = parameterKind(parameter);
  const id = `param-${typeof name === 'string' ? name : index}`;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }} data-testid={id}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextInput path={[...path, 'name']} label={`${kind} parameter`} testId={`${id}-name`} />
        {kind === 'numeric' ? (
          <>
            <NumberInput path={[...path, 'default']} label="default" testId={`${id}-default`} />
            <NumberInput path={[...path, 'min']} label="min" testId={`${id}-min`} />
            <NumberInput path={[...path, 'max']} label="max" testId={`${id}-max`} />
            <NumberInput path={[...path, 'step']} label="step" testId={`${id}-step`} optional />
            <FlagInput path={[...path, 'integer']} label="whole numbers" testId={`${id}-integer`} />
          </>
        ) : (
          <>
            <TextInput path={[...path, 'default']} label="default" testId={`${id}-default`} />
            <OptionsInput index={index} testId={`${id}-options`} />
          </>
        )}
        <TextInput path={[...path, 'description']} label="description" testId={`${id}-description`} optional />
        <Button size="small" color="error" onClick={() => editDraft(path, undefined)} data-testid={`${id}-remove`}>
          Remove
        </Button>
      </Stack>
      <PartIssues path={path} testId={`${id}-issues`} />
    </Box>
  );
}

export function ParametersSection() {
  const count = useStrategies((s) => {
    const parameters = getAt(s.draft, ['parameters']);
    return Array.isArray(parameters) ? parameters.length : 0;
  });
  const names = useStrategies(useShallow((s) => parameterNames(s.draft)));
  const add = (kind: 'numeric' | 'choice') => editDraft(['parameters', count], defaultParameter(kind, uniqueName(kind === 'numeric' ? 'length' : 'choice', names)));
  return (
    <Stack spacing={1.5}>
      {count === 0 && (
        <Typography variant="body2" color="text.secondary">
          No parameters: numbers are written into the strategy.
        </Typography>
      )}
      {Array.from({ length: count }, (_, i) => (
        <ParameterRow key={i} index={i} />
      ))}
      <PartIssues path={['parameters']} />
      <Stack direction="row" spacing={1}>
        <Button size="small" onClick={() => add('numeric')} data-testid="param-add-numeric">
          Add numeric parameter
        </Button>
        <Button size="small" onClick={() => add('choice')} data-testid="param-add-choice">
          Add choice parameter
        </Button>
      </Stack>
    </Stack>
  );
}
