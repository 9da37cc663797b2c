/**
 * Keeps the stores in step with the core while a client is connected: loads the initial state
 * and applies job and core events. Returns the unsubscribe for when the client goes away.
 */
import type { WorkstationClient } from '../../src-shared/contract/index.ts';
import { describeSeries } from '../../src-shared/market.ts';
import { backtestJobFinished } from '../state/backtest-job.ts';
import { optimiseJobFinished } from '../state/optimise.ts';
import { refreshInventory } from '../state/inventory.ts';
import { loadSettings, settingsArrived } from '../state/settings.ts';
import { isActive, jobEnded, jobProgressed, jobsListed, useJobs } from '../state/jobs.ts';
import { notify, notifyError } from '../state/notifications.ts';
import { refreshSystemInfo, setCoreStatus, useStatus } from '../state/status.ts';
import { count } from '../util/format.ts';

export function startSync(client: WorkstationClient): () => void {
  const unsubscribes = [
    client.on('core.status', setCoreStatus),
    client.on('settings.changed', settingsArrived),
    client.on('job.progress', jobProgressed),
    client.on('job.finished', (finished) => {
      const job = jobEnded(finished);
      if (finished.ok && finished.kind === 'download') {
        const { result } = finished;
        notify('success', `Downloaded ${describeSeries(result.key)}: ${count(result.candlesWritten)} candles written, ${count(result.exchangeGaps)} missing at the exchange`);
      } else if (finished.ok && finished.kind === 'backtest') {
        const { result } = finished;
        notify('success', `Backtest of ${result.strategyName} finished: ${count(result.trades)} trades, ${result.totalReturnPct.toFixed(2)}% return`);
      } else if (finished.ok && finished.kind === 'optimise') {
        const { result } = finished;
        notify(result.state === 'paused' ? 'info' : 'success', `Optimisation ${result.state}: ${count(result.done)} of ${count(result.total)} trials`);
      } else if (finished.ok) {
        notify('success', `${job.title} finished`);
      } else {
        notify(finished.error.code === 'cancelled' ? 'info' : 'error', finished.error.message);
      }
      if (finished.kind === 'backtest') backtestJobFinished(finished);
      if (finished.kind === 'optimise') optimiseJobFinished(finished);
      if (finished.kind === 'download') void Promise.all([refreshInventory(), refreshSystemInfo()]);
    }),
  ];
  void loadInitialState(client);
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

async function loadInitialState(client: WorkstationClient): Promise<void> {
  try {
    const { jobs } = await client.call('jobs.list', {});
    jobsListed(jobs);
    // core.status only reports changes; a core that answers is ready until it says otherwise.
    if (useStatus.getState().core === null) {
      const runningJobs = Object.values(useJobs.getState().jobs).filter(isActive).length;
      setCoreStatus({ state: 'ready', message: 'Ready', runningJobs });
    }
  } catch (error) {
    notifyError(error);
  }
  await Promise.all([refreshSystemInfo(), refreshInventory(), loadSettings()]);
}
