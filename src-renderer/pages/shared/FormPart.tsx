/**
 * What the run forms (Backtest, Optimise) share: a titled group of fields, and which messages
 * to show before the user first asks to run (not "choose a strategy" on a form just opened).
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function FormPart({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="overline" color="text.secondary">
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** Messages that only say something is still to be chosen wait until Run is asked for. */
const UNTIL_ATTEMPTED = new Set(['strategy', 'series', 'csvPath']);

export function shownErrors(errors: Readonly<Record<string, string>>, attempted: boolean): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => attempted || !UNTIL_ATTEMPTED.has(field)));
}
