import { contextBridge, ipcRenderer } from 'electron';
import { DESK_GLOBAL, type DeskApi } from '@shared/ipc/api';
import { buildDeskApi } from './build-desk-api';

const api = buildDeskApi((channel, input) => ipcRenderer.invoke(channel, input)) satisfies DeskApi;

contextBridge.exposeInMainWorld(DESK_GLOBAL, api);
