/**
 * Statistics of one equity curve: drawdowns, run-ups, compound growth and the risk ratios of
 * its daily UTC returns. Each curve is read in a single pass with scalar accumulators, so a
 * million-bar run costs a few milliseconds and allocates nothing per bar. Formulas and the
 * reasons for them are in docs/metrics.md.
 */

export const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.25;

export interface EquityCurveStats {
  readonly finalEquity: number;
  readonly totalReturnPct: number;
  readonly cagrPct: number | null;
  readonly annualReturnPct: number | null;
  readonly annualVolatilityPct: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly omega: number | null;
  readonly maxDrawdownPct: number;
  readonly maxDrawdown: number;
  readonly maxDrawdownStart: number | null;
  readonly maxDrawdownTrough: number | null;
  readonly maxDrawdownRecovery: number | null;
  readonly avgDrawdownPct: number | null;
  readonly longestDrawdownBars: number;
  readonly longestDrawdownDays: number;
  readonly maxRunUpPct: number;
  readonly maxRunUp: number;
}

/**
 * 365 for markets that trade every day, 252 when no bar falls on a Saturday or Sunday (UTC):
 * a stock or FX series has about 252 sessions a year and annualising its daily returns with
 * 365 would overstate volatility by a fifth.
 */
export function periodsPerYear(time: Float64Array): number {
  for (let i = 0; i < time.length; i++) {
    const weekday = (((Math.floor(time[i] / MS_PER_DAY) + 4) % 7) + 7) % 7;
    if (weekday === 0 || weekday === 6) return 365;
  }
  return 252;
}

/** A ratio whose denominator is zero or whose value is not finite is reported as null. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const value = numerator / denominator;
  return Number.isFinite(value) ? value : null;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * `time` holds each bar's open time and `equity` the equity at that bar's close. The curve is
 * taken to start at `initialCapital` at the open of the first bar, so a loss on bar 0 is a
 * drawdown and bar 0's change is part of the first daily return.
 */
export function equityCurveStats(
  time: Float64Array,
  equity: Float64Array,
  initialCapital: number,
  periods: number,
): EquityCurveStats {
  const n = equity.length;

  // The running peak is constant through a drawdown period, so its depth is fixed by the
  // period's lowest value and needs one division per period, not per bar. Run-ups mirror this
  // with the running low and the highest value since it.
  let peak = initialCapital;
  let peakTime = n > 0 ? time[0] : 0;
  let inDrawdown = false;
  let periodStartBar = 0;
  let periodLow = 0;
  let periodLowBar = 0;
  let periodCount = 0;
  let depthSum = 0;
  let longestDrawdownBars = 0;
  let longestDrawdownMs = 0;
  let maxDrawdownPct = 0;
  let maxDrawdown = 0;
  let maxDdStart = 0;
  let maxDdTrough = 0;
  let maxDdRecovery = -1;

  let low = initialCapital;
  let highSinceLow = initialCapital;
  let maxRunUpPct = 0;
  let maxRunUp = 0;

  // Daily returns: the last equity of each UTC day against the previous day's last equity.
  let nextDayStart = n > 0 ? (Math.floor(time[0] / MS_PER_DAY) + 1) * MS_PER_DAY : 0;
  let previousDayEnd = initialCapital;
  let days = 0;
  let meanReturn = 0;
  let m2 = 0;
  let downsideSquares = 0;
  let positiveSum = 0;
  let negativeSum = 0;
  let growth = 1;

  for (let i = 0; i < n; i++) {
    const value = equity[i];

    const recovered = value >= peak;
    if (!recovered) {
      if (!inDrawdown) {
        inDrawdown = true;
        periodStartBar = i;
        periodLow = value;
        periodLowBar = i;
      } else if (value < periodLow) {
        periodLow = value;
        periodLowBar = i;
      }
    }
    // A drawdown period ends when equity is back at its peak, or with the data.
    if (inDrawdown && (recovered || i === n - 1)) {
      const endBar = recovered ? i : n;
      const depth = peak > 0 ? 1 - periodLow / peak : 0;
      periodCount++;
      depthSum += depth;
      longestDrawdownBars = Math.max(longestDrawdownBars, endBar - periodStartBar);
      longestDrawdownMs = Math.max(longestDrawdownMs, time[i] - peakTime);
      maxDrawdown = Math.max(maxDrawdown, peak - periodLow);
      if (depth > maxDrawdownPct) {
        maxDrawdownPct = depth;
        maxDdStart = peakTime;
        maxDdTrough = time[periodLowBar];
        maxDdRecovery = recovered ? i : -1;
      }
      inDrawdown = false;
    }
    if (recovered) {
      peak = value;
      peakTime = time[i];
    }

    // A run-up is measured when a new low starts the next one, or with the data.
    const newLow = value < low;
    if (!newLow && value > highSinceLow) highSinceLow = value;
    if (newLow || i === n - 1) {
      maxRunUp = Math.max(maxRunUp, highSinceLow - low);
      if (low > 0) maxRunUpPct = Math.max(maxRunUpPct, highSinceLow / low - 1);
      if (newLow) {
        low = value;
        highSinceLow = value;
      }
    }

    if (i === n - 1 || time[i + 1] >= nextDayStart) {
      // A return from a wiped-out (zero or negative) balance is undefined, so that day is skipped.
      if (previousDayEnd > 0) {
        const r = value / previousDayEnd - 1;
        days++;
        const delta = r - meanReturn;
        meanReturn += delta / days;
        m2 += delta * (r - meanReturn);
        if (r < 0) {
          downsideSquares += r * r;
          negativeSum += r;
        } else {
          positiveSum += r;
        }
        growth *= 1 + r;
      }
      previousDayEnd = value;
      if (i < n - 1) nextDayStart = (Math.floor(time[i + 1] / MS_PER_DAY) + 1) * MS_PER_DAY;
    }
  }

  const finalEquity = n > 0 ? equity[n - 1] : initialCapital;
  const spanMs = n > 0 ? time[n - 1] - time[0] : 0;
  const cagrPct =
    spanMs > 0
      ? finalEquity > 0
        ? finiteOrNull(((finalEquity / initialCapital) ** ((DAYS_PER_YEAR * MS_PER_DAY) / spanMs) - 1) * 100)
        : -100
      : null;

  const dailyStd = days > 1 ? Math.sqrt(m2 / (days - 1)) : 0;
  const annualFactor = Math.sqrt(periods);
  const downsideDeviation = days > 0 ? Math.sqrt(downsideSquares / days) : 0;
  const hasDrawdown = maxDrawdownPct > 0;

  return {
    finalEquity,
    totalReturnPct: (finalEquity / initialCapital - 1) * 100,
    cagrPct,
    annualReturnPct: days > 0 ? finiteOrNull((growth ** (periods / days) - 1) * 100) : null,
    annualVolatilityPct: days > 1 ? dailyStd * annualFactor * 100 : null,
    sharpe: days > 1 && dailyStd > 0 ? (meanReturn / dailyStd) * annualFactor : null,
    sortino: downsideDeviation > 0 ? (meanReturn / downsideDeviation) * annualFactor : null,
    calmar: cagrPct === null || !hasDrawdown ? null : ratio(cagrPct, maxDrawdownPct * 100),
    omega: days > 0 ? ratio(positiveSum, -negativeSum) : null,
    maxDrawdownPct: maxDrawdownPct * 100,
    maxDrawdown,
    maxDrawdownStart: hasDrawdown ? maxDdStart : null,
    maxDrawdownTrough: hasDrawdown ? maxDdTrough : null,
    maxDrawdownRecovery: hasDrawdown && maxDdRecovery >= 0 ? time[maxDdRecovery] : null,
    avgDrawdownPct: periodCount > 0 ? (depthSum / periodCount) * 100 : null,
    longestDrawdownBars,
    longestDrawdownDays: longestDrawdownMs / MS_PER_DAY,
    maxRunUpPct: maxRunUpPct * 100,
    maxRunUp,
  };
}
