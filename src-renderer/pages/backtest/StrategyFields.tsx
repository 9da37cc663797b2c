/** The strategy to run (templates and saved strategies) and one field per parameter it declares, defaults pre-filled. */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { isChoice } from '../../../src-shared/backtest-view/parameters.ts';
import type { FieldErrors } from '../../../src-shared/backtest-view/request.ts';
import type { StrategyParameter } from '../../../src-shared/strategy/spec.ts';
import { editParameter, resetParameters } from '../../state/backtest-form.ts';
import { chooseStrategy } from '../../state/backtest-run.ts';
import { Choice, NumberField } from '../shared/fields.tsx';
import { StrategySelect } from '../shared/StrategySelect.tsx';
import type { RunFormModel } from './useRunForm.ts';

function ParameterField({ parameter, strategy, text, error }: { parameter: StrategyParameter; strategy: string; text: string; error?: string }) {
  const testId = `param-${parameter.name}`;
  const onChange = (value: string) => editParameter(strategy, parameter.name, value);
  const field = isChoice(parameter) ? (
    <Choice label={parameter.name} value={text} options={parameter.options} testId={testId} onChange={onChange} error={error} />
  ) : (
    <NumberField
      label={parameter.name}
      value={text}
      testId={testId}
      onChange={onChange}
      error={error}
      helperText={`${parameter.min} to ${parameter.max}`}
      min={parameter.min}
      max={parameter.max}
      step={parameter.step ?? (parameter.integer === true ? 1 : undefined)}
    />
  );
  return parameter.description === undefined ? field : <Tooltip title={parameter.description}>{field}</Tooltip>;
}

export function StrategyFields({ model, errors }: { model: RunFormModel; errors: FieldErrors }) {
  return (
    <Stack spacing={1.5}>
      <StrategySelect prefix="backtest" value={model.key} strategyName={model.strategyName} onChoose={chooseStrategy} error={errors.strategy} />
      {model.parameters.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {model.choice === null ? 'No strategy chosen.' : 'This strategy declares no parameters.'}
        </Typography>
      ) : (
        <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="backtest-parameters">
          {model.parameters.map((parameter) => (
            <ParameterField key={parameter.name} parameter={parameter} strategy={model.key} text={model.texts[parameter.name] ?? String(parameter.default)} error={errors[`param.${parameter.name}`]} />
          ))}
          <Button size="small" onClick={() => resetParameters(model.key)} sx={{ alignSelf: 'center' }} data-testid="backtest-reset-params">
            Defaults
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
