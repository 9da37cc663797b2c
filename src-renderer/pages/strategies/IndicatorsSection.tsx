/**
 * Declared indicators: an id the rules refer to, a kind from indicators.list, each parameter as
 * a number or a parameter reference (empty = the kind's default), and the series it reads (a
 * price field or another indicator's output) for the kinds that read one.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useShallow } from 'zustand/react/shallow';
import { getAt, isRecord, uniqueName } from '../../../src-shared/strategy/editing.ts';
import { indicatorIds, withIndicatorKind } from '../../../src-shared/strategy/spec-parts.ts';
import { PRICE_FIELDS } from '../../../src-shared/strategy/spec.ts';
import { editDraft, type IndicatorInfo, useStrategies } from '../../state/strategies.ts';
import { type Choice, PartIssues, SelectInput, TextInput, useDraftAt, useIssueText } from './fields.tsx';
import { NumberRefInput } from './NumberRefInput.tsx';

const DEFAULT_SOURCE = '';
const INDICATOR_SOURCE = 'indicator:';

/** Other indicators' outputs as source choices: `indicator:<id>` or `indicator:<id>:<output>`. */
function useIndicatorSources(exceptIndex: number): Choice[] {
  // Strings, not choice objects: the shallow comparison that keeps this selector stable compares elements by identity.
  const sources = useStrategies(
    useShallow((s) => {
      const declared = getAt(s.draft, ['indicators']);
      if (!Array.isArray(declared)) return [];
      return declared.flatMap((indicator: unknown, i): string[] => {
        if (i === exceptIndex || !isRecord(indicator) || typeof indicator.id !== 'string') return [];
        const outputs = s.indicators.find((info) => info.kind === indicator.kind)?.outputs ?? [];
        if (outputs.length <= 1) return [indicator.id];
        return outputs.map((output) => `${indicator.id as string}:${output}`);
      });
    }),
  );
  return sources.map((source) => ({ value: `${INDICATOR_SOURCE}${source}`, label: source.replace(':', '.') }));
}

function sourceValue(source: unknown): string {
  if (typeof source === 'string') return source;
  if (!isRecord(source) || typeof source.indicator !== 'string') return DEFAULT_SOURCE;
  return typeof source.output === 'string' ? `${INDICATOR_SOURCE}${source.indicator}:${source.output}` : `${INDICATOR_SOURCE}${source.indicator}`;
}

function toSource(value: string): unknown {
  if (value === DEFAULT_SOURCE) return undefined;
  if (!value.startsWith(INDICATOR_SOURCE)) return value;
  const [indicator, output] = value.slice(INDICATOR_SOURCE.length).split(':');
  return output === undefined ? { indicator } : { indicator, output };
}

function SourceInput({ index, info, testId }: { index: number; info: IndicatorInfo; testId: string }) {
  const path = ['indicators', index, 'source'];
  const source = useDraftAt(path);
  const issue = useIssueText(path);
  const others = useIndicatorSources(index);
  const options = [{ value: DEFAULT_SOURCE, label: `default (${info.defaultSource})` }, ...PRICE_FIELDS.map((f) => ({ value: f, label: f })), ...others];
  return <SelectInput label="source" value={sourceValue(source)} options={options} onChange={(next) => editDraft(path, toSource(next))} testId={`${testId}-source`} issue={issue} />;
}

function IndicatorRow({ index }: { index: number }) {
  const path = ['indicators', index];
  const indicator = useDraftAt(path);
  const infos = useStrategies((s) => s.indicators);
  const kindIssue = useIssueText([...path, 'kind']);
  const id = isRecord(indicator) && typeof indicator.id === 'string' ? indicator.id : String(index);
  const kind = isRecord(indicator) && typeof indicator.kind === 'string' ? indicator.kind : '';
  const info = infos.find((i) => i.kind === kind);
  const testId = `indicator-${id}`;
  const setKind = (next: string) => {
    const nextInfo = infos.find((i) => i.kind === next);
    if (nextInfo !== undefined) editDraft(path, withIndicatorKind(indicator, nextInfo));
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }} data-testid={testId}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextInput path={[...path, 'id']} label="id" testId={`${testId}-id`} />
        <SelectInput label="kind" value={kind} options={infos.map((i) => ({ value: i.kind, label: `${i.kind}: ${i.title}` }))} onChange={setKind} testId={`${testId}-kind`} issue={kindIssue} minWidth={180} />
        {info?.params.map((param) => <NumberRefInput key={param.name} path={[...path, 'params', param.name]} label={`${param.name} (${param.default})`} testId={`${testId}-param-${param.name}`} optional />)}
        {info?.usesSource === true && <SourceInput index={index} info={info} testId={testId} />}
        <Button size="small" color="error" onClick={() => editDraft(path, undefined)} data-testid={`${testId}-remove`}>
          Remove
        </Button>
      </Stack>
      <PartIssues path={path} testId={`${testId}-issues`} />
      <PartIssues path={[...path, 'params']} />
    </Box>
  );
}

export function IndicatorsSection() {
  const ids = useStrategies(useShallow((s) => indicatorIds(s.draft)));
  const count = useStrategies((s) => {
    const indicators = getAt(s.draft, ['indicators']);
    return Array.isArray(indicators) ? indicators.length : 0;
  });
  const first = useStrategies((s) => s.indicators.find((i) => i.kind === 'sma') ?? s.indicators[0]);
  const add = () => {
    if (first !== undefined) editDraft(['indicators', count], withIndicatorKind({ id: uniqueName(first.kind, ids) }, first));
  };
  return (
    <Stack spacing={1.5}>
      {count === 0 && (
        <Typography variant="body2" color="text.secondary">
          No indicators: rules can still compare prices.
        </Typography>
      )}
      {Array.from({ length: count }, (_, i) => (
        <IndicatorRow key={i} index={i} />
      ))}
      <PartIssues path={['indicators']} />
      <Button size="small" onClick={add} disabled={first === undefined} data-testid="indicator-add" sx={{ alignSelf: 'flex-start' }}>
        Add indicator
      </Button>
    </Stack>
  );
}
