/** The two IPC channels the Electron transport uses; main and preload must agree on them. */

/** ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) -> RpcResult. */
export const IPC_CALL_CHANNEL = 'bst:rpc';
/** webContents.send(IPC_EVENT_CHANNEL, event, payload). */
export const IPC_EVENT_CHANNEL = 'bst:event';
