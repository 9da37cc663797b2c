/** Placeholder for the Strategies page while it is being built. */
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

export function StrategiesPage() {
  return (
    <Paper sx={{ p: 3 }}>
      <Typography variant="h6">Strategies</Typography>
    </Paper>
  );
}
