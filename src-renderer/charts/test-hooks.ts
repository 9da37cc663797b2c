/**
 * What end-to-end tests and the chart benchmark read instead of pixels: counts written as
 * data attributes on the chart containers, and `window.__bstRunChart` to scroll to a bar, read
 * the visible bars and the time from mount to the first painted window.
 */
import type { BarRange } from './types.ts';

export interface RunChartProbe {
  scrollToBar(bar: number): void;
  visibleRange(): BarRange | null;
  readonly firstPaintMs: number | null;
}

declare global {
  interface Window {
    __bstRunChart?: RunChartProbe;
  }
}

/** Publishes the probe; the returned function withdraws it unless a newer chart replaced it. */
export function exposeProbe(probe: RunChartProbe): () => void {
  window.__bstRunChart = probe;
  return () => {
    if (window.__bstRunChart === probe) delete window.__bstRunChart;
  };
}

export type Attributes = Readonly<Record<string, string | number | null>>;

/** Writes test attributes straight to the element (no React render for every scroll). */
export function writeAttributes(element: HTMLElement, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(`data-${name}`, value === null ? '' : String(value));
}
