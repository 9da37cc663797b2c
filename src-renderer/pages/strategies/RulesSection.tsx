/** Entry and exit rules per side; a side without a rule has none (no entries, or exits by risk only). */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { defaultRule } from '../../../src-shared/strategy/spec-parts.ts';
import { editDraft } from '../../state/strategies.ts';
import { PartIssues, useDraftAt } from './fields.tsx';
import { usePartContext } from './OperandEditor.tsx';
import { RuleEditor } from './RuleEditor.tsx';

const SIDES = [
  { part: 'entry', dir: 'long', title: 'Long entry' },
  { part: 'entry', dir: 'short', title: 'Short entry' },
  { part: 'exit', dir: 'long', title: 'Long exit' },
  { part: 'exit', dir: 'short', title: 'Short exit' },
] as const;

function SideRule({ part, dir, title }: (typeof SIDES)[number]) {
  const path = [part, dir];
  const rule = useDraftAt(path);
  const context = usePartContext();
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {rule === undefined ? (
        <Button size="small" onClick={() => editDraft(path, defaultRule('compare', context))} data-testid={`rule-add-${part}.${dir}`}>
          Add rule
        </Button>
      ) : (
        <RuleEditor path={path} onRemove={() => editDraft(path, undefined)} />
      )}
      {rule === undefined && <PartIssues path={path} />}
    </Box>
  );
}

export function RulesSection() {
  return (
    <Stack spacing={2}>
      {SIDES.map((side) => (
        <SideRule key={`${side.part}.${side.dir}`} {...side} />
      ))}
      <PartIssues path={['entry']} />
      <PartIssues path={['exit']} />
    </Stack>
  );
}
