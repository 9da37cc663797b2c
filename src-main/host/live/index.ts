/** The live feed hub: kline streams of Bybit and Binance, reference-counted, gap-free and cached. */
export { DEFAULT_HISTORY_BARS, type LiveEvent, LiveHub, type LiveHubOptions, type LiveSubscription } from './live-hub.ts';
export { DEFAULT_RECONNECT, type ReconnectPolicy, type UpstreamFactory } from './upstream.ts';
