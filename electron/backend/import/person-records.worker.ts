/** The reader thread of a big people import (person-records.ts): reads and checks the records. */
import { workerData } from 'node:worker_threads';
import { readerLoop, type ReaderData } from './person-records.ts';

const data = workerData as ReaderData;
readerLoop(data, (m) => data.port.postMessage(m));
data.port.close();
