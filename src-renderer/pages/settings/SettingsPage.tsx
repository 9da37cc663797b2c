/**
 * Settings: the data folder (read-only, reported by the core), exchange base URLs and default
 * fees. The editable values are kept in localStorage for now (see state/settings.ts).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DEFAULT_SETTINGS, editSettings, useSettings } from '../../state/settings.ts';
import { useStatus } from '../../state/status.ts';

function FeeField({ label, value, testId, onChange }: { label: string; value: number; testId: string; onChange: (value: number) => void }) {
  return (
    <TextField
      label={label}
      type="number"
      value={value}
      onChange={(event) => {
        const parsed = Number(event.target.value);
        if (Number.isFinite(parsed) && parsed >= 0) onChange(parsed);
      }}
      slotProps={{ htmlInput: { step: 0.005, min: 0, 'data-testid': testId } }}
      sx={{ width: 200 }}
    />
  );
}

export function SettingsPage() {
  const settings = useSettings();
  const dataDir = useStatus((s) => s.system?.dataDir ?? '');
  return (
    <Paper sx={{ p: 3, maxWidth: 720 }}>
      <Typography variant="h6" gutterBottom>
        Settings
      </Typography>
      <Alert severity="info" sx={{ mb: 2 }}>
        These values are kept in this window's local storage for now; the core does not use them yet.
      </Alert>
      <Stack spacing={2}>
        <TextField
          label="Data folder"
          value={dataDir}
          helperText="Chosen at launch (--data, or the app's data folder); read-only here."
          slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'settings-data-dir' } }}
        />
        <TextField
          label="Bybit base URL"
          value={settings.bybitBaseUrl}
          onChange={(event) => editSettings({ bybitBaseUrl: event.target.value })}
          slotProps={{ htmlInput: { 'data-testid': 'settings-bybit-url' } }}
        />
        <TextField
          label="Binance base URL"
          value={settings.binanceBaseUrl}
          onChange={(event) => editSettings({ binanceBaseUrl: event.target.value })}
          slotProps={{ htmlInput: { 'data-testid': 'settings-binance-url' } }}
        />
        <Stack direction="row" spacing={2}>
          <FeeField label="Maker fee %" value={settings.makerFeePct} testId="settings-maker-fee" onChange={(makerFeePct) => editSettings({ makerFeePct })} />
          <FeeField label="Taker fee %" value={settings.takerFeePct} testId="settings-taker-fee" onChange={(takerFeePct) => editSettings({ takerFeePct })} />
        </Stack>
        <div>
          <Button variant="outlined" onClick={() => editSettings(DEFAULT_SETTINGS)} data-testid="settings-reset">
            Restore defaults
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
