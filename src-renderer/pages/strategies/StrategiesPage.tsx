/**
 * The Strategies page: the saved strategies on the left (create from a template or blank,
 * import), the open one on the right in the visual editor or as JSON, checked as it is edited.
 */
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { useConnection } from '../../rpc/connection.ts';
import { loadCatalog, refreshStrategies, useStrategies } from '../../state/strategies.ts';
import { StrategyEditor } from './StrategyEditor.tsx';
import { StrategyList } from './StrategyList.tsx';

export function StrategiesPage() {
  const client = useConnection((s) => s.client);
  const openId = useStrategies((s) => s.openId);
  useEffect(() => {
    if (client === null) return;
    void refreshStrategies();
    void loadCatalog();
  }, [client]);
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
      <Paper component="aside" aria-label="Strategies" sx={{ p: 2, width: 300, flexShrink: 0 }}>
        <Typography variant="h6" gutterBottom>
          Strategies
        </Typography>
        <StrategyList />
      </Paper>
      {openId === null ? (
        <Paper sx={{ p: 3, flex: 1 }} data-testid="strategy-editor-empty">
          <Typography color="text.secondary">Choose a strategy on the left, or create one from a template.</Typography>
        </Paper>
      ) : (
        <StrategyEditor key={openId} id={openId} />
      )}
    </Stack>
  );
}
