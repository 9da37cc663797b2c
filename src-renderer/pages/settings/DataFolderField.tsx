/**
 * The data folder: shows the folder in use and lets the user choose another for the next start
 * (system.setDataDirectory writes config.json in the default folder). The open database cannot
 * move under a running core, so the choice needs a restart, and nothing is copied: the notice
 * says so, since an empty cache after a restart would otherwise look like lost data.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { requireClient, useConnection } from '../../rpc/connection.ts';
import { refreshSystemInfo, useStatus } from '../../state/status.ts';

export function DataFolderField() {
  const connected = useConnection((s) => s.state === 'ready');
  const inUse = useStatus((s) => s.system?.dataDir ?? '');
  const configured = useStatus((s) => s.system?.configuredDataDir ?? null);
  const [value, setValue] = useState(inUse);
  const [edited, setEdited] = useState(false);
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<string | null>(null);

  // The folder in use arrives after the page opens; it fills the field until the user types.
  useEffect(() => {
    if (!edited) setValue(inUse);
  }, [inUse, edited]);

  const apply = async () => {
    setApplying(true);
    setError(null);
    setApplied(null);
    try {
      const { dataDir } = await requireClient().call('system.setDataDirectory', { path: value.trim() });
      setApplied(dataDir);
      void refreshSystemInfo();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setApplying(false);
    }
  };

  const pending = configured !== null && configured !== inUse ? ` The next start uses ${configured}.` : '';
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="Data folder"
          value={value}
          fullWidth
          onChange={(event) => {
            setEdited(true);
            setValue(event.target.value);
          }}
          error={error !== null}
          helperText={error ?? `Where the candle cache and the settings live (an absolute path).${pending}`}
          slotProps={{
            htmlInput: { 'data-testid': 'settings-data-dir', spellCheck: false },
            formHelperText: { 'data-testid': 'settings-data-dir-helper' } as object,
          }}
        />
        <Button
          variant="outlined"
          onClick={() => void apply()}
          disabled={!connected || applying || value.trim() === '' || value.trim() === inUse}
          data-testid="settings-data-dir-apply"
          sx={{ whiteSpace: 'nowrap', mt: 1 }}
        >
          Apply (restart needed)
        </Button>
      </Stack>
      {applied !== null && (
        <Alert severity="info" data-testid="settings-data-dir-restart">
          Restart the app to use {applied}. Nothing was moved: the cache in the old folder stays there; copy candles.sqlite into the new folder
          yourself if you want its candles.
        </Alert>
      )}
    </Stack>
  );
}
