/**
 * The engine's door for live charts: the one module of src-engine the renderer may import
 * (tests/electron/layering.test.ts holds it to that). Everything behind it is pure: no Node,
 * no DOM, no clock.
 */
export { type Bar, createLiveIndicator, type LiveIndicator, type OverlayValues } from './indicator-overlay.ts';
export { byBar, MARK_SETTINGS, type StrategyMark, strategyMarks } from './strategy-marks.ts';
export { allocateCandles, type Candles } from '../candles.ts';
export { barOpenTime, nextBarOpenTime } from '../intervals.ts';
