/** Shows queued notifications one at a time in a snackbar; errors stay until dismissed. */
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { dismissNotification, useNotifications } from '../state/notifications.ts';

export function Notifier() {
  const current = useNotifications((s) => s.queue[0]);
  if (current === undefined) return null;
  const close = () => dismissNotification(current.id);
  return (
    <Snackbar
      key={current.id}
      open
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      autoHideDuration={current.severity === 'error' ? null : 6000}
      onClose={(_event, reason) => reason !== 'clickaway' && close()}
    >
      <Alert
        severity={current.severity}
        variant="filled"
        onClose={close}
        data-testid="notification"
        data-severity={current.severity}
        slotProps={{ closeButton: { 'data-testid': 'notification-close' } as object }}
      >
        {current.message}
      </Alert>
    </Snackbar>
  );
}
