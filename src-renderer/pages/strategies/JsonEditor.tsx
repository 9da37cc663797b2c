/** The open document as JSON text for power users; the visual editor follows whenever the text parses. */
import TextField from '@mui/material/TextField';
import { editJson, useStrategies } from '../../state/strategies.ts';

export function JsonEditor() {
  const text = useStrategies((s) => s.jsonText);
  const error = useStrategies((s) => s.jsonError);
  return (
    <TextField
      multiline
      fullWidth
      minRows={20}
      maxRows={40}
      value={text}
      onChange={(event) => editJson(event.target.value)}
      error={error !== null}
      helperText={error ?? 'Edits here and in the visual editor change the same document.'}
      slotProps={{
        htmlInput: { 'data-testid': 'strategy-json', spellCheck: false, 'aria-label': 'Strategy JSON', style: { fontFamily: 'ui-monospace, SFMono-Regular, Consolas, monospace', fontSize: 13 } },
        formHelperText: { 'data-testid': 'strategy-json-error' } as object,
      }}
    />
  );
}
