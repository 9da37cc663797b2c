import { describe, expect, it } from 'vitest';
import {
  deflatedSharpe,
  expectedMaxSharpe,
  normalCdf,
  normalQuantile,
  probabilisticSharpe,
  returnMoments,
  sharpeVariance,
} from '../../../src-engine/optimise/sharpe.ts';

describe('normal distribution', () => {
  it('matches tabulated values to double precision', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 8);
  });
});

describe('deflated Sharpe ratio: the worked example of Bailey & López de Prado (2014)', () => {
  // The paper's numbers: a strategy with annualised SR = 2.5 over 5 years of daily returns
  // (T = 1250, 250 days a year), skewness -3, kurtosis 10, found as the best of N = 100 trials
  // whose annualised Sharpe ratios have variance 1/2.
  //
  // Per day: SR = 2.5 / sqrt(250) = 0.158114, V = 0.5 / 250 = 0.002.
  // SR0 = sqrt(V) * ((1 - γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e)))
  //     = 0.0447214 * (0.4227843 * 2.3263479 + 0.5772157 * 2.6802104)
  //     = 0.0447214 * (0.9835434 + 1.5470595) = 0.0447214 * 2.5306029 = 0.113172  (paper: 0.1132)
  // DSR = Φ( (0.158114 - 0.113172) * sqrt(1249) / sqrt(1 + 3 * 0.158114 + (10 - 1)/4 * 0.158114²) )
  //     = Φ( 0.044942 * 35.341194 / sqrt(1.530592) ) = Φ( 1.588300 / 1.237171 ) = Φ(1.283816)
  //     = 0.9004  (paper: 0.9004)
  const sample = { sharpe: 2.5, observations: 1250, skewness: -3, kurtosis: 10, periodsPerYear: 250 };

  it('gives the expected maximum Sharpe of 100 trials', () => {
    expect(expectedMaxSharpe(100, 0.5 / 250)).toBeCloseTo(0.113172, 6);
    expect(expectedMaxSharpe(100, 0.5)).toBeCloseTo(0.113172 * Math.sqrt(250), 4);
  });

  it('gives DSR = 0.9004', () => {
    const result = deflatedSharpe(sample, 100, 0.5);
    expect(result.dsr).toBeCloseTo(0.9004, 4);
    expect(result.expectedMaxSharpe).toBeCloseTo(1.78941, 5);
  });

  it('is PSR against zero with one trial, and falls as trials grow', () => {
    expect(deflatedSharpe(sample, 1, 0.5).dsr).toBe(probabilisticSharpe(sample, 0));
    // Against 0: Φ(0.158114 * 35.341194 / 1.237171) = Φ(4.516703) = 0.9999969
    expect(probabilisticSharpe(sample)).toBeCloseTo(0.9999969, 7);
    expect(deflatedSharpe(sample, 1000, 0.5).dsr!).toBeLessThan(0.9004);
  });
});

describe('returnMoments', () => {
  it('computes the per-period Sharpe with the sample deviation and population skewness and kurtosis', () => {
    // Mean 0.01; deviations -0.02, 0, 0.02, 0 -> sum of squares 0.0008.
    // Sharpe = 0.01 / sqrt(0.0008 / 3) = 0.6123724; skewness 0; kurtosis = (2 * 0.02^4 / 4) / (0.0002)^2 = 2.
    const m = returnMoments([-0.01, 0.01, 0.03, 0.01]);
    expect(m.sharpe).toBeCloseTo(0.6123724, 7);
    expect(m.skewness).toBeCloseTo(0, 12);
    expect(m.kurtosis).toBeCloseTo(2, 12);
    expect(m.observations).toBe(4);
    expect(returnMoments([0.01, 0.01]).sharpe).toBeNull();
  });

  it('gives the variance of trial Sharpe ratios, skipping undefined ones', () => {
    expect(sharpeVariance([1, 2, 3, null])).toBe(1);
    expect(sharpeVariance([1])).toBe(0);
  });
});
