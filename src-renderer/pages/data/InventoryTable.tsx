/** The cache inventory: one row per stored series with its span, counts, size and coverage. */
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { describeSeries } from '../../../src-shared/market.ts';
import { type SeriesInventory, seriesId, useInventory } from '../../state/inventory.ts';
import { bytes, count } from '../../util/format.ts';
import { CoverageBar } from './CoverageBar.tsx';
import { utcMinute } from '../../../src-shared/time-text.ts';

function InventoryRow({ series, onDelete }: { series: SeriesInventory; onDelete: (series: SeriesInventory) => void }) {
  const complete = series.expected > 0 && series.count >= series.expected;
  return (
    <TableRow hover data-testid={`inventory-row-${seriesId(series.key)}`}>
      <TableCell data-testid="inventory-series">{describeSeries(series.key)}</TableCell>
      <TableCell data-testid="inventory-first">{utcMinute(series.first)}</TableCell>
      <TableCell data-testid="inventory-last">{utcMinute(series.last)}</TableCell>
      <TableCell align="right" data-testid="inventory-count" sx={{ color: complete ? 'success.main' : undefined }}>
        {count(series.count)}
      </TableCell>
      <TableCell align="right" data-testid="inventory-expected">
        {count(series.expected)}
      </TableCell>
      <TableCell align="right" data-testid="inventory-size">
        {bytes(series.sizeBytes)}
      </TableCell>
      <TableCell>
        <CoverageBar series={series} />
      </TableCell>
      <TableCell>
        <Button size="small" color="error" onClick={() => onDelete(series)} data-testid="inventory-delete" aria-label={`Delete ${describeSeries(series.key)}`}>
          Delete
        </Button>
      </TableCell>
    </TableRow>
  );
}

export function InventoryTable({ onDelete }: { onDelete: (series: SeriesInventory) => void }) {
  const rows = useInventory((s) => s.rows);
  if (rows.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ py: 2 }} data-testid="inventory-empty">
        The cache is empty: download a series or import files.
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="inventory-table">
      <TableHead>
        <TableRow>
          <TableCell>Series</TableCell>
          <TableCell>First (UTC)</TableCell>
          <TableCell>Last (UTC)</TableCell>
          <TableCell align="right">Candles</TableCell>
          <TableCell align="right">Expected</TableCell>
          <TableCell align="right">Size</TableCell>
          <TableCell>Coverage</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((series) => (
          <InventoryRow key={seriesId(series.key)} series={series} onDelete={onDelete} />
        ))}
      </TableBody>
    </Table>
  );
}
