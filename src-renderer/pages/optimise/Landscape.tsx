/**
 * How the objective varies with the parameters: a heatmap over any two and a line along one,
 * the other parameters held at the best trial's values or aggregated (best or mean) over.
 */
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { type Aggregation, AGGREGATIONS, heatmap, parameterLine } from '../../../src-shared/optimise-view/heatmap.ts';
import type { TrialTable } from '../../../src-shared/optimise-view/trials.ts';
import { formatMetric, metricInfo } from '../../../src-shared/run-compare.ts';
import type { OptimisationDetail } from '../../state/optimise.ts';
import { Choice } from '../shared/fields.tsx';
import { Heatmap } from './Heatmap.tsx';
import { ParamLine } from './ParamLine.tsx';

const AGGREGATION_LABELS: Record<Aggregation, string> = { fixed: "others at the best's values", best: 'best over the others', mean: 'mean over the others' };

/** `fixed`: the best trial's parameters, where the others are held. */
export function Landscape({ detail, table, fixed }: { detail: OptimisationDetail; table: TrialTable; fixed: Readonly<Record<string, number | string>> }) {
  const names = Object.keys(table.params);
  const [x, setX] = useState(names[0] ?? '');
  const [y, setY] = useState(names[1] ?? names[0] ?? '');
  const [lineParam, setLineParam] = useState(names[0] ?? '');
  const [objective, setObjective] = useState('0');
  const [aggregation, setAggregation] = useState<Aggregation>('fixed');
  const index = Number(objective);
  const { metric, direction } = detail.objectives[index] ?? detail.objectives[0];
  const info = metricInfo(metric);
  const format = (value: number) => formatMetric(value, info.unit);
  const map = useMemo(() => heatmap(table, { objective: index, direction, aggregation, fixed, x, y }), [table, x, y, index, direction, aggregation, fixed]);
  const line = useMemo(() => parameterLine(table, { objective: index, direction, aggregation, fixed, x: lineParam }), [table, lineParam, index, direction, aggregation, fixed]);
  if (names.length === 0) return <Typography color="text.secondary">No searched parameters.</Typography>;
  const objectiveIds = detail.objectives.map((_, i) => String(i));
  return (
    <Stack spacing={2}>
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
        {detail.objectives.length > 1 && <Choice label="Objective" value={objective} options={objectiveIds} labels={Object.fromEntries(detail.objectives.map((o, i) => [String(i), metricInfo(o.metric).label]))} testId="optimise-landscape-objective" onChange={setObjective} />}
        <Choice label="Other parameters" value={aggregation} options={AGGREGATIONS} labels={AGGREGATION_LABELS} testId="optimise-heatmap-aggregation" onChange={setAggregation} minWidth={220} />
        <Choice label="Across (x)" value={x} options={names} testId="optimise-heatmap-x" onChange={setX} />
        <Choice label="Up (y)" value={y} options={names} testId="optimise-heatmap-y" onChange={setY} />
      </Stack>
      {x === y ? (
        <Typography variant="body2" color="text.secondary">
          Choose two different parameters for the heatmap.
        </Typography>
      ) : (
        <Heatmap map={map} x={x} y={y} direction={direction} format={format} />
      )}
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <Choice label="Line along" value={lineParam} options={names} testId="optimise-line-param" onChange={setLineParam} />
        <Typography variant="caption" color="text.secondary">
          {info.label} ({direction === 'maximize' ? 'higher is better' : 'lower is better'})
        </Typography>
      </Stack>
      {line.length === 0 ? <Typography color="text.secondary">No passing scored trials.</Typography> : <ParamLine points={line} name={lineParam} label={info.label} format={format} />}
    </Stack>
  );
}
