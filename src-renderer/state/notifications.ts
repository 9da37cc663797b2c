/** Snackbar messages waiting to be shown, oldest first; errors carry the envelope's message. */
import { create } from 'zustand';

export type Severity = 'success' | 'info' | 'warning' | 'error';

export interface Notification {
  readonly id: number;
  readonly severity: Severity;
  readonly message: string;
}

interface NotificationStore {
  readonly queue: readonly Notification[];
}

export const useNotifications = create<NotificationStore>(() => ({ queue: [] }));

let nextId = 1;

export function notify(severity: Severity, message: string): void {
  useNotifications.setState(({ queue }) => ({ queue: [...queue, { id: nextId++, severity, message }] }));
}

/** An RpcFailure's message is already a sentence for the user; anything else is shown as is. */
export function notifyError(error: unknown): void {
  notify('error', error instanceof Error ? error.message : String(error));
}

export function dismissNotification(id: number): void {
  useNotifications.setState(({ queue }) => ({ queue: queue.filter((n) => n.id !== id) }));
}
