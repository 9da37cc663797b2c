/**
 * The visual editor's inputs. Each is bound to a path in the open document: it reads the value
 * there, writes edits back there, and shows the issues strategy.validate reported for exactly
 * that path. Reads are tolerant (a wrong type shows as empty) because the JSON view may have
 * put anything there; what the user types is stored even when invalid, so the check names it.
 */
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { type DocPath, getAt, issuesAt, pathText } from '../../../src-shared/strategy/editing.ts';
import { editDraft, useStrategies } from '../../state/strategies.ts';

/** The value at `path` in the open document. */
export function useDraftAt(path: DocPath): unknown {
  return useStrategies((s) => getAt(s.draft, path));
}

/** The messages of the issues at exactly `path`, joined for a helper text ('' when none). */
export function useIssueText(path: DocPath): string {
  const issues = useStrategies((s) => s.issues);
  return issuesAt(issues, path)
    .map((issue) => issue.message)
    .join('; ');
}

/** A test id for a field without a name of its own: its path, e.g. `field-risk.stopLoss.percent`. */
export function fieldTestId(path: DocPath): string {
  return `field-${pathText(path)}`;
}

interface FieldProps {
  readonly path: DocPath;
  readonly label: string;
  readonly testId?: string;
}

function helperProps(testId: string) {
  return { formHelperText: { 'data-testid': `${testId}-issue` } as object };
}

export function TextInput({ path, label, testId = fieldTestId(path), optional = false, wide = false }: FieldProps & { optional?: boolean; wide?: boolean }) {
  const value = useDraftAt(path);
  const issue = useIssueText(path);
  return (
    <TextField
      size="small"
      label={label}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => editDraft(path, optional && event.target.value === '' ? undefined : event.target.value)}
      error={issue !== ''}
      helperText={issue === '' ? undefined : issue}
      sx={{ minWidth: wide ? 320 : 140 }}
      slotProps={{ htmlInput: { 'data-testid': testId, spellCheck: false }, ...helperProps(testId) }}
    />
  );
}

function shownNumber(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : '';
}

/** Text that is a finite number is stored as that number; anything else as the text, for the check to name. */
function typedNumber(text: string): number | string {
  const number = Number(text);
  return text.trim() !== '' && Number.isFinite(number) ? number : text;
}

/** A number field; `optional` fields are removed from the document when emptied. */
export function NumberInput({ path, label, testId = fieldTestId(path), optional = false }: FieldProps & { optional?: boolean }) {
  const value = useDraftAt(path);
  const issue = useIssueText(path);
  const [text, setText] = useState(shownNumber(value));
  // Follow edits made elsewhere (JSON view, kind switch), but keep "1." while it is being typed.
  useEffect(() => {
    setText((current) => (typedNumber(current) === value || (value === undefined && current === '') ? current : shownNumber(value)));
  }, [value]);
  const onChange = (next: string) => {
    setText(next);
    editDraft(path, optional && next.trim() === '' ? undefined : typedNumber(next));
  };
  return (
    <TextField
      size="small"
      label={label}
      value={text}
      onChange={(event) => onChange(event.target.value)}
      error={issue !== ''}
      helperText={issue === '' ? undefined : issue}
      sx={{ width: 130 }}
      slotProps={{ htmlInput: { 'data-testid': testId, inputMode: 'decimal', spellCheck: false }, ...helperProps(testId) }}
    />
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export function choices(values: readonly string[]): Choice[] {
  return values.map((value) => ({ value, label: value }));
}

/**
 * A native select (keyboard- and test-friendly) over string choices. A current value that is
 * not among them is still shown, so a document from the JSON view is never silently changed.
 */
export function SelectInput({
  label,
  value,
  options,
  onChange,
  testId,
  issue = '',
  minWidth = 120,
}: {
  label: string;
  value: string;
  options: readonly Choice[];
  onChange: (value: string) => void;
  testId: string;
  issue?: string;
  minWidth?: number;
}) {
  const all = options.some((o) => o.value === value) ? options : [{ value, label: value === '' ? '(none)' : value }, ...options];
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={issue !== ''}
      helperText={issue === '' ? undefined : issue}
      sx={{ minWidth }}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId }, ...helperProps(testId) }}
    >
      {all.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

/** A flag that is left out of the document when off, as the language's optional booleans are. */
export function FlagInput({ path, label, testId = fieldTestId(path) }: FieldProps) {
  const value = useDraftAt(path);
  const issue = useIssueText(path);
  return (
    <>
      <FormControlLabel
        label={label}
        control={<Checkbox size="small" checked={value === true} onChange={(event) => editDraft(path, event.target.checked ? true : undefined)} slotProps={{ input: { 'data-testid': testId } as object }} />}
      />
      {issue !== '' && <FormHelperText error>{issue}</FormHelperText>}
    </>
  );
}

/** The issues reported for a whole part (a parameter, an indicator, a rule), shown under it. */
export function PartIssues({ path, testId }: { path: DocPath; testId?: string }) {
  const issue = useIssueText(path);
  if (issue === '') return null;
  return (
    <FormHelperText error data-testid={testId ?? `${fieldTestId(path)}-issue`}>
      {issue}
    </FormHelperText>
  );
}
