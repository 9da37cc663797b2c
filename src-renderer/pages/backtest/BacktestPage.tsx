/** Placeholder for the backtest page, which comes in the next version of the renderer. */
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

export function BacktestPage() {
  return (
    <Paper sx={{ p: 3 }} data-testid="backtest-placeholder">
      <Typography variant="h6" gutterBottom>
        Backtest
      </Typography>
      <Typography color="text.secondary">
        Backtests with charts and metrics come next. Until then, run them from the command line with `bst backtest`.
      </Typography>
    </Paper>
  );
}
