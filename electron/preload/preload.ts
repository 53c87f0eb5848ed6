/**
 * The sandboxed preload (built to out/preload/index.cjs). It exposes window.crm and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.preload.ts';

contextBridge.exposeInMainWorld('crm', createBridge(ipcRenderer));
