/** The thread that encrypts, decrypts or re-keys closed files (rekey.ts starts it). */
import { workerData, parentPort } from 'node:worker_threads';
import { rekeyLoop, type RekeyData } from './rekey.ts';

rekeyLoop(workerData as RekeyData, (m) => parentPort!.postMessage(m));
