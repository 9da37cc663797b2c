/**
 * One domain field per declared parameter (a range min:max:step, a list or one fixed value,
 * pre-filled with the default), with buttons for the whole declared range and back to the
 * default, the constraints between parameters, and the grid size the ranges make.
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { FieldErrors } from '../../../src-shared/backtest-view/request.ts';
import { declaredRangeText, parseDomainText } from '../../../src-shared/optimise-view/domains.ts';
import type { StrategyParameter } from '../../../src-shared/strategy/spec.ts';
import { editDomain, editSearch, resetDomains, useOptimiseForm } from '../../state/optimise-form.ts';
import { count } from '../../util/format.ts';
import type { OptimiseModel } from './useOptimiseModel.ts';

function declared(parameter: StrategyParameter): string {
  return 'options' in parameter ? parameter.options.join(', ') : `${parameter.min} to ${parameter.max}${parameter.step === undefined ? '' : `, step ${parameter.step}`}`;
}

function DomainField({ parameter, strategy, text, error }: { parameter: StrategyParameter; strategy: string; text: string; error?: string }) {
  const parsed = parseDomainText(parameter, text);
  const size = 'values' in parsed ? parsed.values.length : null;
  const testId = `optimise-param-${parameter.name}`;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <TextField
        size="small"
        label={parameter.name}
        value={text}
        onChange={(event) => editDomain(strategy, parameter.name, event.target.value)}
        error={error !== undefined}
        helperText={error ?? `${size === 1 ? 'fixed' : `${count(size ?? 0)} values`} · ${declared(parameter)}`}
        sx={{ width: 210 }}
        slotProps={{ htmlInput: { 'data-testid': testId, 'data-values': size ?? '', spellCheck: false } }}
      />
      <Stack>
        <Button size="small" sx={{ minWidth: 0, py: 0 }} onClick={() => editDomain(strategy, parameter.name, declaredRangeText(parameter))} data-testid={`${testId}-range`} title="Search its whole declared range">
          Range
        </Button>
        <Button size="small" sx={{ minWidth: 0, py: 0 }} onClick={() => editDomain(strategy, parameter.name, String(parameter.default))} data-testid={`${testId}-fixed`} title="Hold it at its default">
          Fixed
        </Button>
      </Stack>
    </Stack>
  );
}

function GridSize({ model }: { model: OptimiseModel }) {
  const { grid } = model;
  const text = grid === null ? 'Grid size: fix the fields first' : grid.count === null ? `Grid size: up to ${count(grid.product)} sets (too many to count the constraints here)` : grid.count === grid.product ? `Grid size: ${count(grid.count)} sets` : `Grid size: ${count(grid.count)} sets (${count(grid.product)} before constraints)`;
  return (
    <Typography variant="body2" color="text.secondary" data-testid="optimise-grid-size" data-product={grid?.product ?? ''} data-count={grid?.count ?? ''}>
      {text}
    </Typography>
  );
}

export function ParameterRanges({ model, errors }: { model: OptimiseModel; errors: FieldErrors }) {
  const constraints = useOptimiseForm((s) => s.search.constraints);
  return (
    <Stack spacing={1.5}>
      {model.parameters.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {model.key === '' ? 'No strategy chosen.' : 'This strategy declares no parameters: there is nothing to search.'}
        </Typography>
      ) : (
        <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="optimise-parameters">
          {model.parameters.map((parameter) => (
            <DomainField key={parameter.name} parameter={parameter} strategy={model.key} text={model.texts[parameter.name] ?? String(parameter.default)} error={errors[`param.${parameter.name}`]} />
          ))}
          <Button size="small" onClick={() => resetDomains(model.key)} sx={{ alignSelf: 'center' }} data-testid="optimise-reset-params">
            All fixed
          </Button>
        </Stack>
      )}
      <TextField
        size="small"
        multiline
        minRows={1}
        label="Constraints (one per line)"
        placeholder="fast < slow"
        value={constraints}
        onChange={(event) => editSearch({ constraints: event.target.value })}
        error={errors.constraints !== undefined}
        helperText={errors.constraints ?? 'e.g. fast < slow, slow >= 2 * fast; + - * / and parentheses, joined with "and"'}
        sx={{ maxWidth: 560 }}
        slotProps={{ htmlInput: { 'data-testid': 'optimise-constraints', spellCheck: false } }}
      />
      <GridSize model={model} />
    </Stack>
  );
}
