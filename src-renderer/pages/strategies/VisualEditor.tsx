/** The visual editor: one section per part of the strategy language, all on the same document. */
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { type DocPath, issuesWithin } from '../../../src-shared/strategy/editing.ts';
import { useStrategies } from '../../state/strategies.ts';
import { GeneralSection } from './GeneralSection.tsx';
import { IndicatorsSection } from './IndicatorsSection.tsx';
import { OrdersSection } from './OrdersSection.tsx';
import { ParametersSection } from './ParametersSection.tsx';
import { RiskSection } from './RiskSection.tsx';
import { RulesSection } from './RulesSection.tsx';

/** A part of the editor; its title counts the problems inside, so a long document shows where to look. */
function Section({ title, parts, children }: { title: string; parts: readonly DocPath[]; children: ReactNode }) {
  const problems = useStrategies((s) => parts.reduce((sum, part) => sum + issuesWithin(s.issues, part).length, 0));
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2 }}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', mb: 1.5 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {problems > 0 && (
          <Typography variant="body2" color="error" data-testid="section-problems">
            {problems === 1 ? '1 problem' : `${problems} problems`}
          </Typography>
        )}
      </Stack>
      {children}
    </Paper>
  );
}

export function VisualEditor() {
  const jsonError = useStrategies((s) => s.jsonError);
  return (
    <Stack spacing={2}>
      {jsonError !== null && (
        <Alert severity="warning" data-testid="strategy-json-stale">
          The JSON text has an error, so this shows the last valid document. Fix it in the JSON view or edit here to replace it.
        </Alert>
      )}
      <Section title="Strategy" parts={[['format'], ['name'], ['description'], ['direction'], ['reverse'], ['leverage']]}>
        <GeneralSection />
      </Section>
      <Section title="Parameters" parts={[['parameters']]}>
        <ParametersSection />
      </Section>
      <Section title="Indicators" parts={[['indicators']]}>
        <IndicatorsSection />
      </Section>
      <Section title="Rules" parts={[['entry'], ['exit']]}>
        <RulesSection />
      </Section>
      <Section title="Risk" parts={[['risk']]}>
        <RiskSection />
      </Section>
      <Section title="Orders and sizing" parts={[['entryOrder'], ['sizing']]}>
        <OrdersSection />
      </Section>
    </Stack>
  );
}
