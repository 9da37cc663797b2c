/** The strategy a run form runs: saved strategies, then the built-in templates. Test ids start with the page's prefix. */
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useBacktestCatalogue } from '../../state/backtest-catalogue.ts';
import { parseStrategyKey } from '../../state/backtest-form.ts';
import type { StrategyChoice } from '../../state/backtest-run.ts';

export interface StrategySelectProps {
  readonly prefix: string;
  /** The choice as a key ('' for none). */
  readonly value: string;
  /** Its name, for a choice not (yet) listed. */
  readonly strategyName: string | null;
  readonly onChoose: (choice: StrategyChoice) => void;
  readonly error?: string;
}

export function StrategySelect({ prefix, value, strategyName, onChoose, error }: StrategySelectProps) {
  const { templates, saved } = useBacktestCatalogue();
  const testId = `${prefix}-strategy`;
  const option = (key: string, label: string) => (
    <MenuItem key={key} value={key} data-testid={`${testId}-option-${key}`}>
      {label}
    </MenuItem>
  );
  return (
    <TextField
      select
      size="small"
      label="Strategy"
      value={value}
      onChange={(event) => {
        const choice = parseStrategyKey(event.target.value);
        if (choice !== null) onChoose(choice);
      }}
      error={error !== undefined}
      helperText={error}
      sx={{ minWidth: 240, alignSelf: 'flex-start' }}
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object } }}
    >
      {saved.length > 0 && <ListSubheader>Saved strategies</ListSubheader>}
      {saved.map((s) => option(`saved:${s.id}`, s.name))}
      <ListSubheader>Templates</ListSubheader>
      {templates.map((t) => option(`template:${t.name}`, t.name))}
      {/* A chosen strategy not (yet) listed still needs an option for the select to show it. */}
      {value !== '' && !saved.some((s) => `saved:${s.id}` === value) && !templates.some((t) => `template:${t.name}` === value) && option(value, strategyName ?? 'Loading…')}
    </TextField>
  );
}
