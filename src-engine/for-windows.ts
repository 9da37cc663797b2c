/**
 * The engine's door for the windows: the one module of src-engine the renderer may import
 * (tests/electron/layering.test.ts holds it to that). The live monitor draws streaming
 * indicators and a strategy's signals with the very code the backtester runs; the Optimise page
 * counts a grid under its constraints with the parser the search uses. Everything behind it is
 * pure: no Node, no DOM, no clock.
 */
export { type Bar, createLiveIndicator, type LiveIndicator, type OverlayValues } from './live/indicator-overlay.ts';
export { byBar, MARK_SETTINGS, type StrategyMark, strategyMarks } from './live/strategy-marks.ts';
export { compileConstraints } from './optimise/constraints.ts';
export { allocateCandles, type Candles } from './candles.ts';
export { barOpenTime, nextBarOpenTime } from './intervals.ts';
