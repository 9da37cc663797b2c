/**
 * The one way the app asks before deleting something: what goes, Keep (focused, so Enter never
 * deletes by accident) or Delete. Test ids are `<testId>-dialog`, `<testId>-cancel` and
 * `<testId>-confirm`.
 */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';

export interface ConfirmDeleteProps {
  readonly open: boolean;
  readonly title: string;
  /** What will be removed, in a sentence. */
  readonly consequence: string;
  readonly testId: string;
  readonly onDelete: () => void;
  readonly onClose: () => void;
}

export function ConfirmDeleteDialog({ open, title, consequence, testId, onDelete, onClose }: ConfirmDeleteProps) {
  return (
    <Dialog open={open} onClose={onClose} data-testid={`${testId}-dialog`}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{consequence}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus data-testid={`${testId}-cancel`}>
          Keep
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => {
            onDelete();
            onClose();
          }}
          data-testid={`${testId}-confirm`}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
