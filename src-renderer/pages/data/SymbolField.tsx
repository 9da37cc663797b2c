/** The searchable symbol field (Ctrl+K): the market's instruments, or any typed symbol. */
import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { SYMBOL_SEARCH_ID } from '../../app/useShortcuts.ts';
import { editDownloadForm, useDownloadForm } from '../../state/download-form.ts';
import { useInstruments } from './useInstruments.ts';

// Thousands of instruments: show the best matches only, so typing stays instant.
const filterOptions = createFilterOptions<string>({ limit: 100 });

export function SymbolField() {
  const { exchange, market, symbol } = useDownloadForm();
  const { symbols, loading } = useInstruments(exchange, market);
  return (
    <Autocomplete
      // Autocomplete owns its input's id (it derives the listbox's aria ids from it), so the
      // id that Ctrl+K focuses goes here, not on the TextField.
      id={SYMBOL_SEARCH_ID}
      freeSolo
      autoHighlight
      options={symbols as string[]}
      filterOptions={filterOptions}
      loading={loading}
      inputValue={symbol}
      onInputChange={(_event, value) => editDownloadForm({ symbol: value.toUpperCase() })}
      sx={{ width: 200 }}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Symbol (Ctrl+K)"
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'symbol-search' } }}
        />
      )}
    />
  );
}
