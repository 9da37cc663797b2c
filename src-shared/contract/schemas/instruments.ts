/** Instruments as the exchanges list them (tick size, lot rules, listing time). */
import { z } from 'zod';
import { exchangeSchema, instrumentSchema, marketSchema } from '../../market.ts';

export const listInstrumentsInputSchema = z.strictObject({
  exchange: exchangeSchema,
  market: marketSchema,
  /** Fetch the list from the exchange instead of the cached copy (it is fetched anyway when none is cached). */
  refresh: z.boolean().optional(),
});

export const listInstrumentsOutputSchema = z.strictObject({ instruments: z.array(instrumentSchema) });
