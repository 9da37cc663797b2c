import { describe, expect, it } from 'vitest';
import { importLegacyStrategy, isLegacyStrategy } from '../../../src-engine/strategy/legacy-import.ts';
import { checkStrategy, StrategyError } from '../../../src-engine/strategy/validate.ts';

const legacy = {
  name: 'RSI + MACD',
  entry_conditions: {
    long: [
      { indicator: 'RSI_14', operator: '<', value: 30, logic: 'AND' },
      { indicator: 'MACD', operator: 'crosses_above', value: 'MACD_Signal', logic: 'OR' },
      { indicator: 'close', operator: '>', value: 'SMA_20', logic: 'AND' },
    ],
  },
  exit_conditions: { long: [{ indicator: 'RSI_14', operator: '>', value: 70 }] },
  take_profit: 4,
  stop_loss: 2,
};

describe('older flat format import', () => {
  it('recognises the format', () => {
    expect(isLegacyStrategy(legacy)).toBe(true);
    expect(isLegacyStrategy({ name: 'x', entry: {} })).toBe(false);
  });

  it('converts columns to indicators and folds AND/OR in list order', () => {
    const spec = importLegacyStrategy(legacy);
    expect(spec.indicators).toEqual([
      { id: 'rsi_14', kind: 'rsi', params: { period: 14 } },
      { id: 'macd_12_26_9', kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } },
      { id: 'sma_20', kind: 'sma', params: { period: 20 } },
    ]);
    // [A, B OR, C AND] = ((A or B) and C)
    expect(spec.entry.long).toEqual({
      all: [
        {
          any: [
            { left: { indicator: 'rsi_14' }, op: '<', right: 30 },
            { left: { indicator: 'macd_12_26_9', output: 'macd' }, op: 'crossesAbove', right: { indicator: 'macd_12_26_9', output: 'signal' } },
          ],
        },
        { left: { price: 'close' }, op: '>', right: { indicator: 'sma_20' } },
      ],
    });
    expect(spec.exit?.long).toEqual({ left: { indicator: 'rsi_14' }, op: '>', right: 70 });
    expect(spec.direction).toBe('long');
    expect(spec.risk).toEqual({ stopLoss: { percent: 2 }, takeProfit: { percent: 4 } });
    expect(checkStrategy(spec).ok).toBe(true);
  });

  it('maps Bollinger and stochastic columns with trailing parameters', () => {
    const spec = importLegacyStrategy({
      entry_conditions: {
        short: [
          { indicator: 'Close', operator: '>', value: 'BB_Upper_20_2.5' },
          { indicator: 'Stoch_K', operator: '>', value: 80 },
        ],
      },
    });
    expect(spec.direction).toBe('short');
    expect(spec.indicators?.map((i) => i.id)).toEqual(['bb_20_2p5', 'stoch_14_3_3']);
    expect(checkStrategy(spec).ok).toBe(true);
  });

  it('names the condition with an unknown column', () => {
    expect(() =>
      importLegacyStrategy({ entry_conditions: { long: [{ indicator: 'FOO_3', operator: '>', value: 1 }] } }),
    ).toThrowError(StrategyError);
    try {
      importLegacyStrategy({ entry_conditions: { long: [{ indicator: 'FOO_3', operator: '>', value: 1 }] } });
    } catch (error) {
      expect((error as StrategyError).issues[0].path).toBe('entry_conditions.long[0].indicator');
      expect((error as StrategyError).issues[0].message).toMatch(/^unknown column "FOO_3"/);
    }
  });

  it('rejects a malformed condition with its path', () => {
    expect(() => importLegacyStrategy({ entry_conditions: { long: [{ indicator: 'RSI_14', operator: '~', value: 1 }] } })).toThrowError(
      /entry_conditions\.long\[0\]\.operator: operator must be one of/,
    );
  });
});
