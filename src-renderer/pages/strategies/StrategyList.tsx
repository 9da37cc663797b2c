/**
 * The saved strategies and the ways to add one: from a template, blank, or an imported file
 * (the strategy language or the older flat format). Choosing a strategy opens it in the editor.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { useConnection } from '../../rpc/connection.ts';
import { openStrategy, useStrategies } from '../../state/strategies.ts';
import { createBlank, importStrategyFile, mayDiscardEdits } from './library-actions.ts';
import { TemplateDialog } from './StrategyDialogs.tsx';
import { utcMinute } from '../../../src-shared/time-text.ts';

function ImportButton({ onError }: { onError: (message: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const connected = useConnection((s) => s.state === 'ready');
  const onFile = async (file: File | undefined) => {
    if (file === undefined) return;
    onError(null);
    onError(await importStrategyFile(file));
  };
  return (
    <>
      <Button size="small" onClick={() => input.current?.click()} disabled={!connected} data-testid="strategy-import">
        Import…
      </Button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(event) => {
          void onFile(event.target.files?.[0]);
          event.target.value = '';
        }}
        data-testid="strategy-import-input"
      />
    </>
  );
}

export function StrategyList() {
  const saved = useStrategies((s) => s.saved);
  const loaded = useStrategies((s) => s.loaded);
  const openId = useStrategies((s) => s.openId);
  const connected = useConnection((s) => s.state === 'ready');
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button size="small" variant="contained" onClick={() => setTemplatesOpen(true)} disabled={!connected} data-testid="strategy-new-from-template">
          From template…
        </Button>
        <Button size="small" onClick={() => void createBlank()} disabled={!connected} data-testid="strategy-new-blank">
          Blank
        </Button>
        <ImportButton onError={setImportError} />
      </Stack>
      {importError !== null && (
        <Alert severity="error" onClose={() => setImportError(null)} data-testid="strategy-import-error">
          {importError}
        </Alert>
      )}
      {loaded && saved.length === 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="strategy-list-empty">
          No saved strategies yet: start from a template.
        </Typography>
      )}
      <List dense data-testid="strategy-list" aria-label="Saved strategies">
        {saved.map((strategy) => (
          <ListItemButton
            key={strategy.id}
            selected={strategy.id === openId}
            onClick={() => {
              if (strategy.id !== openId && mayDiscardEdits()) void openStrategy(strategy.id);
            }}
            data-testid={`strategy-item-${strategy.name}`}
            data-id={strategy.id}
          >
            <ListItemText primary={strategy.name} secondary={`saved ${utcMinute(strategy.updatedAt)} UTC`} />
          </ListItemButton>
        ))}
      </List>
      <TemplateDialog open={templatesOpen} onClose={() => setTemplatesOpen(false)} />
    </Stack>
  );
}
