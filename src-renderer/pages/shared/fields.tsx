/** Form controls shared by the pages (and the live monitor): a labelled select with test ids on it and its options, and a number field. */
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';

interface ChoiceProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly T[];
  readonly testId: string;
  readonly onChange: (value: T) => void;
  /** What each option reads as; the option itself by default. */
  readonly labels?: Readonly<Partial<Record<T, string>>>;
  readonly error?: string;
  readonly helperText?: string;
  readonly minWidth?: number;
  readonly size?: 'small' | 'medium';
}

export function Choice<T extends string>({ label, value, options, testId, onChange, labels, error, helperText, minWidth = 140, size = 'small' }: ChoiceProps<T>) {
  return (
    <TextField
      select
      size={size}
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value as T)}
      error={error !== undefined}
      helperText={error ?? helperText}
      sx={{ minWidth }}
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object } }}
    >
      {options.map((option) => (
        <MenuItem key={option} value={option} data-testid={`${testId}-option-${option}`}>
          {labels?.[option] ?? option}
        </MenuItem>
      ))}
    </TextField>
  );
}

interface NumberFieldProps {
  readonly label: string;
  readonly value: string;
  readonly testId: string;
  readonly onChange: (text: string) => void;
  readonly error?: string;
  readonly helperText?: string;
  readonly placeholder?: string;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly width?: number;
}

export function NumberField({ label, value, testId, onChange, error, helperText, placeholder, min, max, step, width = 140 }: NumberFieldProps) {
  return (
    <TextField
      size="small"
      type="number"
      label={label}
      value={value}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
      error={error !== undefined}
      helperText={error ?? helperText}
      sx={{ width }}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId, min, max, step: step ?? 'any' } }}
    />
  );
}
