/** Placeholder for the History page while it is being built. */
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

export function HistoryPage() {
  return (
    <Paper sx={{ p: 3 }}>
      <Typography variant="h6">History</Typography>
    </Paper>
  );
}
