/** The list's dialogs: pick a template for a new strategy, rename a strategy, confirm a delete. */
import Button from '@mui/material/Button';
import { ConfirmDeleteDialog } from '../../app/ConfirmDeleteDialog.tsx';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import { type FormEvent, useState } from 'react';
import { type TemplateInfo, useStrategies } from '../../state/strategies.ts';
import { createFromTemplate, deleteStrategy, renameProblem, renameStrategy } from './library-actions.ts';

export function TemplateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const templates = useStrategies((s) => s.templates);
  const choose = (template: TemplateInfo) => {
    onClose();
    void createFromTemplate(template);
  };
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth data-testid="template-dialog">
      <DialogTitle>New strategy from a template</DialogTitle>
      <DialogContent dividers>
        <List dense>
          {templates.map((template) => (
            <ListItemButton key={template.name} onClick={() => choose(template)} data-testid={`template-option-${template.name}`}>
              <ListItemText primary={template.name} secondary={template.description ?? undefined} />
            </ListItemButton>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-testid="template-cancel">
          Cancel
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export interface StrategyRef {
  readonly id: string;
  readonly name: string;
}

function RenameForm({ strategy, onClose }: { strategy: StrategyRef; onClose: () => void }) {
  const [name, setName] = useState(strategy.name);
  const problem = renameProblem(strategy.id, name);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (problem !== null) return;
    onClose();
    if (name !== strategy.name) void renameStrategy(strategy.id, name);
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <DialogTitle>Rename strategy</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={problem !== null}
          helperText={problem ?? ' '}
          slotProps={{ htmlInput: { 'data-testid': 'strategy-rename-input', spellCheck: false } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-testid="strategy-rename-cancel">
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={problem !== null} data-testid="strategy-rename-confirm">
          Rename
        </Button>
      </DialogActions>
    </form>
  );
}

export function RenameDialog({ strategy, onClose }: { strategy: StrategyRef | null; onClose: () => void }) {
  return (
    <Dialog open={strategy !== null} onClose={onClose} data-testid="strategy-rename-dialog">
      {strategy !== null && <RenameForm key={strategy.id} strategy={strategy} onClose={onClose} />}
    </Dialog>
  );
}

export function DeleteStrategyDialog({ strategy, onClose }: { strategy: StrategyRef | null; onClose: () => void }) {
  return (
    <ConfirmDeleteDialog
      open={strategy !== null}
      title="Delete strategy?"
      consequence={strategy === null ? '' : `${strategy.name} will be removed from the saved strategies.`}
      testId="strategy-delete"
      onDelete={() => strategy !== null && void deleteStrategy(strategy.id, strategy.name)}
      onClose={onClose}
    />
  );
}
