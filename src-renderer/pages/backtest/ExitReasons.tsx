/** How trades ended: per exit reason its count (with a bar for its share), total P&L and win rate. */
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { exitReasonBreakdown } from '../../../src-shared/backtest-view/exit-reasons.ts';
import { formatMetric } from '../../../src-shared/backtest-view/metrics.ts';
import type { TradeColumns } from '../../../src-shared/backtest-view/trades.ts';
import { count } from '../../util/format.ts';

export function ExitReasons({ trades }: { trades: TradeColumns }) {
  const rows = useMemo(() => exitReasonBreakdown(trades), [trades]);
  const total = trades.side.length;
  if (rows.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="exit-reasons">
        No closed trades.
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="exit-reasons" sx={{ maxWidth: 640 }}>
      <TableHead>
        <TableRow>
          <TableCell>Exit reason</TableCell>
          <TableCell align="right">Trades</TableCell>
          <TableCell sx={{ width: 160 }}>Share</TableCell>
          <TableCell align="right">Total P&amp;L</TableCell>
          <TableCell align="right">Win rate</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.reason} data-testid={`exit-reason-${row.reason}`}>
            <TableCell>{row.reason}</TableCell>
            <TableCell align="right" data-testid="exit-reason-count">
              {count(row.count)}
            </TableCell>
            <TableCell>
              <Box role="img" aria-label={`${Math.round((row.count / total) * 100)} % of trades`} sx={{ height: 10, borderRadius: 0.5, bgcolor: 'action.hover' }}>
                <Box sx={{ height: 1, width: `${(row.count / total) * 100}%`, borderRadius: 0.5, bgcolor: row.totalPnl >= 0 ? 'success.main' : 'error.main' }} />
              </Box>
            </TableCell>
            <TableCell align="right" data-testid="exit-reason-pnl" data-value={row.totalPnl} sx={{ color: row.totalPnl > 0 ? 'success.main' : row.totalPnl < 0 ? 'error.main' : undefined }}>
              {formatMetric(row.totalPnl, 'money')}
            </TableCell>
            <TableCell align="right" data-testid="exit-reason-win-rate">
              {formatMetric(row.winRatePct, 'percent')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
