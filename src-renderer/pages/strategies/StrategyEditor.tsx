/** The open strategy: its actions, the visual editor or the JSON view of one document, and its problems. */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useEffect, useState } from 'react';
import { saveDraft } from '../../state/strategies.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { IssueList } from './IssueList.tsx';
import { JsonEditor } from './JsonEditor.tsx';
import { VisualEditor } from './VisualEditor.tsx';

type View = 'visual' | 'json';

/** Ctrl+S (Cmd+S) saves while the editor is shown, instead of the browser's "save page". */
function useSaveShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      void saveDraft();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function StrategyEditor({ id }: { id: string }) {
  const [view, setView] = useState<View>('visual');
  useSaveShortcut();
  return (
    <Paper sx={{ p: 2, flex: 1, minWidth: 0 }} data-testid="strategy-editor" data-id={id}>
      <Stack spacing={2}>
        <EditorToolbar id={id} />
        <IssueList />
        <Box sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Tabs value={view} onChange={(_, next: View) => setView(next)} aria-label="Editor view">
            <Tab value="visual" label="Visual" data-testid="editor-tab-visual" />
            <Tab value="json" label="JSON" data-testid="editor-tab-json" />
          </Tabs>
        </Box>
        {view === 'visual' ? <VisualEditor /> : <JsonEditor />}
      </Stack>
    </Paper>
  );
}
