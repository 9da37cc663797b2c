/**
 * Settings, kept by the core (settings.get / settings.update, settings.changed): the data folder
 * (applied on its own, at the next start; see DataFolderField), exchange base URLs, default fees per exchange and market
 * (entered in percent, stored as fractions) and the theme, which previews at once. Save sends
 * the form; what the core refuses is shown next to its field, and nothing is stored.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { FormEvent, ReactNode } from 'react';
import { useConnection } from '../../rpc/connection.ts';
import {
  editEndpoint,
  editFee,
  editTheme,
  ENDPOINT_FIELDS,
  endpointPath,
  FEE_MARKETS,
  type FeeSide,
  feePath,
  isDirty,
  resetToDefaults,
  saveSettings,
  useSettings,
} from '../../state/settings.ts';
import { DataFolderField } from './DataFolderField.tsx';

const SIDES: readonly FeeSide[] = ['maker', 'taker'];

/** Field labels by issue path, so a message names the field the user sees. */
const FIELD_LABELS: Readonly<Record<string, string>> = Object.fromEntries([
  ...ENDPOINT_FIELDS.map(({ key, label }) => [endpointPath(key), `${label} base URL`]),
  ...FEE_MARKETS.flatMap(({ exchange, market, label }) => SIDES.map((side) => [feePath(exchange, market, side), `${label} ${side} fee`])),
  ['theme', 'Theme'],
]);

function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? (path === '' ? 'Settings' : path);
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

export function SettingsPage() {
  const { form, errors, saving, savedCount, saved } = useSettings();
  const dirty = useSettings(isDirty);
  const connected = useConnection((s) => s.state === 'ready');
  const loaded = saved !== null;
  const problems = Object.entries(errors);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void saveSettings();
  };

  return (
    <Paper component="form" noValidate onSubmit={onSubmit} sx={{ p: 3, maxWidth: 760 }} aria-label="Settings" data-testid="settings-form" data-loaded={loaded}>
      <Typography variant="h6" gutterBottom>
        Settings
      </Typography>
      <Stack spacing={3}>
        <Section title="Data">
          <DataFolderField />
        </Section>

        <Section title="Exchange endpoints">
          <Stack spacing={2}>
            {ENDPOINT_FIELDS.map(({ key, label, testId }) => {
              const error = errors[endpointPath(key)];
              return (
                <TextField
                  key={key}
                  label={`${label} base URL`}
                  value={form.endpoints[key]}
                  placeholder="public endpoint"
                  fullWidth
                  onChange={(event) => editEndpoint(key, event.target.value)}
                  error={error !== undefined}
                  helperText={error === undefined ? 'Empty = the exchange\u2019s public endpoint.' : `${label} base URL: ${error}`}
                  slotProps={{
                    htmlInput: { 'data-testid': testId, spellCheck: false, inputMode: 'url' },
                    formHelperText: { 'data-testid': `${testId}-helper` } as object,
                  }}
                />
              );
            })}
          </Stack>
        </Section>

        <Section title="Default fees">
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
            In percent of notional per fill, charged by a backtest that names no fees.
          </Typography>
          <Box component="table" sx={{ borderCollapse: 'collapse', '& td, & th': { py: 0.75, pr: 2, textAlign: 'left' } }}>
            <thead>
              <tr>
                <Typography component="th" variant="body2" sx={{ color: 'text.secondary' }}>
                  Market
                </Typography>
                <Typography component="th" variant="body2" sx={{ color: 'text.secondary' }}>
                  Maker
                </Typography>
                <Typography component="th" variant="body2" sx={{ color: 'text.secondary' }}>
                  Taker
                </Typography>
              </tr>
            </thead>
            <tbody>
              {FEE_MARKETS.map(({ exchange, market, label }) => (
                <tr key={`${exchange}-${market}`}>
                  <Typography component="td" variant="body2">
                    {label}
                  </Typography>
                  {SIDES.map((side) => {
                    const path = feePath(exchange, market, side);
                    const error = errors[path];
                    const testId = `settings-fee-${exchange}-${market}-${side}`;
                    return (
                      <td key={side}>
                        <TextField
                          value={form.fees[path] ?? ''}
                          onChange={(event) => editFee(path, event.target.value)}
                          error={error !== undefined}
                          helperText={error}
                          sx={{ width: 150 }}
                          slotProps={{
                            htmlInput: { 'data-testid': testId, inputMode: 'decimal', 'aria-label': `${label} ${side} fee (percent)` },
                            input: { endAdornment: <InputAdornment position="end">%</InputAdornment> },
                            formHelperText: { 'data-testid': `${testId}-helper` } as object,
                          }}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Box>
        </Section>

        <Section title="Theme">
          <ToggleButtonGroup
            exclusive
            size="small"
            value={form.theme}
            onChange={(_event, value: 'dark' | 'light' | null) => {
              if (value !== null) editTheme(value);
            }}
            aria-label="Theme"
            data-testid="settings-theme"
            data-value={form.theme}
          >
            <ToggleButton value="dark" data-testid="settings-theme-dark">
              Dark
            </ToggleButton>
            <ToggleButton value="light" data-testid="settings-theme-light">
              Light
            </ToggleButton>
          </ToggleButtonGroup>
          <Typography variant="caption" component="p" sx={{ color: 'text.secondary', mt: 0.5 }}>
            Shown at once; Save keeps it.
          </Typography>
        </Section>

        {problems.length > 0 && (
          <Alert severity="error" data-testid="settings-errors">
            Not saved. {problems.map(([path, message]) => `${fieldLabel(path)}: ${message}`).join('; ')}
          </Alert>
        )}
        {savedCount > 0 && !dirty && problems.length === 0 && (
          <Alert severity="success" data-testid="settings-saved">
            Settings saved; the core uses them from now on.
          </Alert>
        )}

        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button type="submit" variant="contained" disabled={!connected || !loaded || saving} data-testid="settings-save">
            {saving ? 'Saving…' : 'Save'}
          </Button>
          <Button variant="outlined" onClick={resetToDefaults} disabled={!loaded} data-testid="settings-reset">
            Reset to defaults
          </Button>
          {dirty && (
            <Typography variant="body2" sx={{ color: 'warning.main' }} data-testid="settings-unsaved">
              Unsaved changes
            </Typography>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
