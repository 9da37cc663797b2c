/**
 * A rule tree: comparisons and crosses, rising / falling, all / any / not groups and weighted
 * confluence (gates, weighted rules, minimum confidence). Groups nest; changing a rule's kind
 * wraps the rule it replaces where the new kind has room for it.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { type DocPath, pathText } from '../../../src-shared/strategy/editing.ts';
import { defaultRule, ruleKind, RULE_KINDS, type RuleKind } from '../../../src-shared/strategy/spec-parts.ts';
import { COMPARISON_OPS, CROSS_OPS, type Rule } from '../../../src-shared/strategy/spec.ts';
import { editDraft } from '../../state/strategies.ts';
import { choices, PartIssues, SelectInput, TextInput, useDraftAt, useIssueText } from './fields.tsx';
import { NumberRefInput } from './NumberRefInput.tsx';
import { OperandEditor, usePartContext } from './OperandEditor.tsx';

const KIND_LABELS: Readonly<Record<RuleKind, string>> = {
  compare: 'compare',
  all: 'all of',
  any: 'any of',
  not: 'not',
  rising: 'rising',
  falling: 'falling',
  confluence: 'confluence',
};

function Nested({ children }: { children: ReactNode }) {
  return <Box sx={{ pl: 2, borderLeft: 2, borderColor: 'divider', display: 'flex', flexDirection: 'column', gap: 1 }}>{children}</Box>;
}

function AddButton({ label, testId, onClick }: { label: string; testId: string; onClick: () => void }) {
  return (
    <Button size="small" onClick={onClick} data-testid={testId} sx={{ alignSelf: 'flex-start' }}>
      {label}
    </Button>
  );
}

/** A list of rules at `path` (a group's members or a confluence's gates). */
function RuleList({ path, addLabel }: { path: DocPath; addLabel: string }) {
  const list = useDraftAt(path);
  const context = usePartContext();
  const rules = Array.isArray(list) ? list : [];
  return (
    <Nested>
      {rules.map((_, i) => (
        <RuleEditor key={i} path={[...path, i]} onRemove={() => editDraft([...path, i], undefined)} />
      ))}
      <AddButton label={addLabel} testId={`rule-add-${pathText(path)}`} onClick={() => editDraft([...path, rules.length], defaultRule('compare', context))} />
    </Nested>
  );
}

function Confluence({ path }: { path: DocPath }) {
  const rulesPath = [...path, 'rules'];
  const weighted = useDraftAt(rulesPath);
  const context = usePartContext();
  const count = Array.isArray(weighted) ? weighted.length : 0;
  return (
    <Nested>
      <Typography variant="caption">Gates (all must hold)</Typography>
      <RuleList path={[...path, 'gates']} addLabel="Add gate" />
      <Typography variant="caption">Weighted rules</Typography>
      <Nested>
        {Array.from({ length: count }, (_, i) => (
          <Box key={i} sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <NumberRefInput path={[...rulesPath, i, 'weight']} label="weight" />
              <TextInput path={[...rulesPath, i, 'label']} label="label" optional />
            </Stack>
            <RuleEditor path={[...rulesPath, i, 'rule']} onRemove={() => editDraft([...rulesPath, i], undefined)} />
          </Box>
        ))}
        <PartIssues path={rulesPath} />
        <AddButton label="Add weighted rule" testId={`rule-add-${pathText(rulesPath)}`} onClick={() => editDraft([...rulesPath, count], { weight: 1, rule: defaultRule('compare', context) })} />
      </Nested>
      <NumberRefInput path={[...path, 'minConfidence']} label="min confidence (0..1)" />
    </Nested>
  );
}

export function RuleEditor({ path, onRemove }: { path: DocPath; onRemove?: () => void }) {
  const value = useDraftAt(path);
  const context = usePartContext();
  const kind = ruleKind(value);
  const testId = `rule-${pathText(path)}`;
  const setKind = (next: string) => editDraft(path, defaultRule(next as RuleKind, context, kind === null ? undefined : (value as Rule)));
  const op = useDraftAt([...path, 'op']);
  const opIssue = useIssueText([...path, 'op']);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }} data-testid={testId}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <SelectInput label="rule" value={kind ?? ''} options={RULE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} onChange={setKind} testId={`${testId}-kind`} />
        {kind === 'compare' && (
          <>
            <OperandEditor path={[...path, 'left']} label="left" />
            <SelectInput label="op" value={typeof op === 'string' ? op : ''} options={choices([...COMPARISON_OPS, ...CROSS_OPS])} onChange={(next) => editDraft([...path, 'op'], next)} testId={`${testId}-op`} issue={opIssue} />
            <OperandEditor path={[...path, 'right']} label="right" />
          </>
        )}
        {(kind === 'rising' || kind === 'falling') && (
          <>
            <OperandEditor path={[...path, kind]} label="value" />
            <NumberRefInput path={[...path, 'bars']} label="bars" />
          </>
        )}
        {onRemove !== undefined && (
          <Button size="small" color="error" onClick={onRemove} data-testid={`${testId}-remove`}>
            Remove
          </Button>
        )}
      </Stack>
      {(kind === 'all' || kind === 'any') && <RuleList path={[...path, kind]} addLabel="Add rule" />}
      {kind === 'not' && (
        <Nested>
          <RuleEditor path={[...path, 'not']} />
        </Nested>
      )}
      {kind === 'confluence' && <Confluence path={[...path, 'confluence']} />}
      <PartIssues path={path} testId={`${testId}-issue`} />
    </Box>
  );
}
