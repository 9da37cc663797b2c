/** The visual editor: one section per part of the strategy language, all on the same document. */
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useStrategies } from '../../state/strategies.ts';
import { GeneralSection } from './GeneralSection.tsx';
import { IndicatorsSection } from './IndicatorsSection.tsx';
import { OrdersSection } from './OrdersSection.tsx';
import { ParametersSection } from './ParametersSection.tsx';
import { RiskSection } from './RiskSection.tsx';
import { RulesSection } from './RulesSection.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1.5 }}>
        {title}
      </Typography>
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
      <Section title="Strategy">
        <GeneralSection />
      </Section>
      <Section title="Parameters">
        <ParametersSection />
      </Section>
      <Section title="Indicators">
        <IndicatorsSection />
      </Section>
      <Section title="Rules">
        <RulesSection />
      </Section>
      <Section title="Risk">
        <RiskSection />
      </Section>
      <Section title="Orders and sizing">
        <OrdersSection />
      </Section>
    </Stack>
  );
}
