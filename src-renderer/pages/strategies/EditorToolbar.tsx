/**
 * The open strategy's actions: save (only when the document is valid; the reason is shown
 * otherwise), backtest the saved version, duplicate, rename, export and delete.
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { documentName } from '../../../src-shared/strategy/editing.ts';
import { backtestStrategy } from '../../state/backtest-run.ts';
import { isDirty, saveBlocker, saveDraft, useStrategies } from '../../state/strategies.ts';
import { duplicateStrategy, exportStrategy } from './library-actions.ts';
import { DeleteStrategyDialog, RenameDialog, type StrategyRef } from './StrategyDialogs.tsx';

export function EditorToolbar({ id }: { id: string }) {
  const blocker = useStrategies(saveBlocker);
  const dirty = useStrategies(isDirty);
  const saving = useStrategies((s) => s.saving);
  const name = useStrategies((s) => s.saved.find((saved) => saved.id === id)?.name ?? documentName(s.draft));
  const [renaming, setRenaming] = useState<StrategyRef | null>(null);
  const [deleting, setDeleting] = useState<StrategyRef | null>(null);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography variant="h6" sx={{ mr: 1 }} data-testid="strategy-open-name">
        {name}
        {dirty ? ' •' : ''}
      </Typography>
      <Button variant="contained" size="small" onClick={() => void saveDraft()} disabled={blocker !== null || saving} title="Save (Ctrl+S)" data-testid="strategy-save">
        Save
      </Button>
      <Typography variant="caption" color="text.secondary" data-testid="strategy-save-reason">
        {blocker ?? 'Unsaved changes'}
      </Typography>
      <span style={{ flex: 1 }} />
      <Button size="small" onClick={() => backtestStrategy({ kind: 'saved', id })} disabled={dirty} title={dirty ? 'Save first: the backtest runs the saved version' : undefined} data-testid="strategy-backtest">
        Backtest
      </Button>
      <Button size="small" onClick={() => void duplicateStrategy(id)} data-testid="strategy-duplicate">
        Duplicate
      </Button>
      <Button size="small" onClick={() => setRenaming({ id, name })} data-testid="strategy-rename">
        Rename
      </Button>
      <Button size="small" onClick={() => void exportStrategy(id)} data-testid="strategy-export">
        Export
      </Button>
      <Button size="small" color="error" onClick={() => setDeleting({ id, name })} data-testid="strategy-delete">
        Delete
      </Button>
      <RenameDialog strategy={renaming} onClose={() => setRenaming(null)} />
      <DeleteStrategyDialog strategy={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
