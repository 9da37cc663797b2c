/** Is the best real? The deflated Sharpe ratio of the best trial given the number of trials, and each parameter's plateau score. */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { OptimisationDetail } from '../../state/optimise.ts';

function Figure({ label, value, testId, hint }: { label: string; value: number | null; testId: string; hint: string }) {
  return (
    <Paper variant="outlined" sx={{ px: 1.5, py: 1, minWidth: 150 }} title={hint}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }} data-testid={testId} data-value={value ?? ''}>
        {value === null ? '—' : value.toFixed(3)}
      </Typography>
    </Paper>
  );
}

export function Robustness({ detail }: { detail: OptimisationDetail }) {
  const dsr = detail.deflatedSharpe;
  const plateau = detail.plateau;
  return (
    <Stack spacing={1.5} data-testid="optimise-robustness">
      {dsr === null ? (
        <Typography variant="body2" color="text.secondary">
          The deflated Sharpe ratio is computed when the search finishes.
        </Typography>
      ) : (
        <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap' }}>
          <Figure label="Best's Sharpe (per day)" value={dsr.sharpe} testId="optimise-dsr-sharpe" hint="Of daily returns, not annualised" />
          <Figure label="Probabilistic Sharpe" value={dsr.psr} testId="optimise-psr" hint="Probability the true Sharpe is above 0" />
          <Figure label={`Deflated Sharpe (${dsr.trials} trials)`} value={dsr.dsr} testId="optimise-dsr" hint="Probability the best beats what luck gives the best of this many trials; below 0.95 it is not distinguishable from luck" />
          <Typography variant="body2" color={dsr.dsr !== null && dsr.dsr >= 0.95 ? 'success.main' : 'warning.main'} sx={{ alignSelf: 'center' }}>
            {dsr.dsr === null ? '' : dsr.dsr >= 0.95 ? 'Likely more than the luck of searching.' : 'Not distinguishable from the luck of searching (below 0.95).'}
          </Typography>
        </Stack>
      )}
      {plateau !== null && (
        <Box>
          <Typography variant="caption" color="text.secondary">
            Plateau score per parameter: how much of the objective the neighbours (±1, ±2 steps) keep; 1 is a flat plateau, near 0 a lone peak
          </Typography>
          <Stack spacing={0.5} sx={{ maxWidth: 480, mt: 0.5 }}>
            {Object.entries(plateau).map(([name, score]) => (
              <Stack key={name} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Typography variant="body2" sx={{ width: 120 }}>
                  {name}
                </Typography>
                <Box sx={{ flex: 1, height: 10, borderRadius: 0.5, bgcolor: 'action.hover' }} role="img" aria-label={`${name}: ${score === null ? 'not measured' : score.toFixed(2)}`}>
                  <Box sx={{ height: 1, width: `${Math.max(0, Math.min(1, score ?? 0)) * 100}%`, borderRadius: 0.5, bgcolor: score !== null && score >= 0.8 ? 'success.main' : 'warning.main' }} />
                </Box>
                <Typography variant="body2" sx={{ width: 48, textAlign: 'right' }} data-testid={`optimise-plateau-${name}`} data-value={score ?? ''}>
                  {score === null ? '—' : score.toFixed(2)}
                </Typography>
              </Stack>
            ))}
          </Stack>
        </Box>
      )}
    </Stack>
  );
}
