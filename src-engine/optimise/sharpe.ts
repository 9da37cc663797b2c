/**
 * How much to believe a Sharpe ratio: the probabilistic Sharpe ratio (the probability that the
 * true Sharpe exceeds a benchmark, given the sample's length, skewness and kurtosis) and the
 * deflated Sharpe ratio (the same against the Sharpe the best of N trials would show by luck
 * alone). Bailey & López de Prado, "The Sharpe Ratio Efficient Frontier" (2012) and "The
 * Deflated Sharpe Ratio" (2014); formulas in docs/optimisation.md.
 */

/** Euler–Mascheroni constant. */
export const EULER_GAMMA = 0.5772156649015329;

/**
 * Standard normal cumulative distribution, to double precision (Hart 1968, as given by
 * G. West, "Better approximations to cumulative normal functions", 2005).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) tail = 0;
  else {
    const e = Math.exp(-(z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      tail = (e * n) / d;
    } else {
      let d = z + 0.65;
      d = z + 4 / d;
      d = z + 3 / d;
      d = z + 2 / d;
      d = z + 1 / d;
      tail = e / d / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Inverse of the standard normal distribution: Acklam's rational approximation, refined by one
 * Halley step against normalCdf, which brings it to about 1e-15.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return Number.NaN;
  }
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

export interface ReturnMoments {
  /** Per period: mean / sample standard deviation; null when the returns do not vary. */
  readonly sharpe: number | null;
  /** Third standardised moment (population). */
  readonly skewness: number | null;
  /** Fourth standardised moment (population), not excess: 3 for normal returns. */
  readonly kurtosis: number | null;
  readonly observations: number;
}

/** The moments PSR needs, from per-period returns (e.g. daily, as fractions). */
export function returnMoments(returns: ArrayLike<number>): ReturnMoments {
  const n = returns.length;
  if (n < 2) return { sharpe: null, skewness: null, kurtosis: null, observations: n };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += returns[i];
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  if (m2 === 0) return { sharpe: null, skewness: null, kurtosis: null, observations: n };
  const populationVar = m2 / n;
  return {
    sharpe: mean / Math.sqrt(m2 / (n - 1)),
    skewness: m3 / n / populationVar ** 1.5,
    kurtosis: m4 / n / populationVar ** 2,
    observations: n,
  };
}

export interface SharpeSample {
  /** Estimated Sharpe ratio; per period unless `periodsPerYear` is given, then annualised. */
  readonly sharpe: number;
  /** Number of returns T it was estimated from. */
  readonly observations: number;
  readonly skewness: number;
  /** Not excess: 3 for normal returns. */
  readonly kurtosis: number;
  /** When given, `sharpe` (and benchmark, variance) are annualised and divided down to per period. */
  readonly periodsPerYear?: number;
}

/**
 * PSR(SR*) = Φ( (SR - SR*) √(T - 1) / √(1 - γ3 SR + (γ4 - 1)/4 SR²) ), all per period. The
 * probability that the true Sharpe exceeds `benchmark`; null when T < 2 or the variance term
 * is not positive.
 */
export function probabilisticSharpe(sample: SharpeSample, benchmark = 0): number | null {
  const scale = sample.periodsPerYear ? Math.sqrt(sample.periodsPerYear) : 1;
  const sr = sample.sharpe / scale;
  const target = benchmark / scale;
  const t = sample.observations;
  const variance = 1 - sample.skewness * sr + ((sample.kurtosis - 1) / 4) * sr * sr;
  if (t < 2 || !(variance > 0)) return null;
  return normalCdf(((sr - target) * Math.sqrt(t - 1)) / Math.sqrt(variance));
}

/**
 * The Sharpe ratio the best of N independent trials is expected to reach by luck when the true
 * Sharpe of each is 0: E[max SR] ≈ √V · ((1 - γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e))), with V
 * the variance of the trials' Sharpe ratios and γ the Euler–Mascheroni constant. In the units
 * of V (annualised V gives an annualised Sharpe).
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (trials < 2 || !(sharpeVariance > 0)) return 0;
  return (
    Math.sqrt(sharpeVariance) *
    ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) + EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)))
  );
}

export interface DeflatedSharpe {
  /** The probability that the best trial's true Sharpe exceeds what luck gives the best of N. */
  readonly dsr: number | null;
  /** SR0, the benchmark used, in the units of the input Sharpe. */
  readonly expectedMaxSharpe: number;
}

/**
 * DSR = PSR(SR0) with SR0 = expectedMaxSharpe(N, V[SR_n]). `sharpeVariance` is the variance of
 * the Sharpe ratios of all N trials, in the same units as `sample.sharpe` (annualised when
 * `periodsPerYear` is given).
 */
export function deflatedSharpe(sample: SharpeSample, trials: number, sharpeVariance: number): DeflatedSharpe {
  const sr0 = expectedMaxSharpe(trials, sharpeVariance);
  return { dsr: probabilisticSharpe(sample, sr0), expectedMaxSharpe: sr0 };
}

/** Sample variance of the trials' Sharpe ratios (nulls skipped); 0 with fewer than two. */
export function sharpeVariance(sharpes: readonly (number | null)[]): number {
  const values = sharpes.filter((s): s is number => s !== null && Number.isFinite(s));
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
}
