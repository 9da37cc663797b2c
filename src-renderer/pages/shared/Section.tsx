/** A titled panel of a results page (charts, trades, heatmap), named for screen readers by its title. */
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <Paper component="section" sx={{ p: 2 }} aria-label={title} data-testid={testId}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}
