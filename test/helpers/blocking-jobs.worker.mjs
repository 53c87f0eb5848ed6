// A stand-in job worker for the runner's tests (test/backend/jobs.test.ts), speaking
// electron/backend/jobs/jobs.protocol.ts: people.anchors holds this worker until the job is
// cancelled, then fails as CANCELLED; any other job answers at once with { reader: threadId }.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    parentPort.close();
    return;
  }
  const flag = new Int32Array(message.cancel);
  if (message.name === 'people.anchors') {
    while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 50);
    parentPort.postMessage({
      type: 'failed',
      id: message.id,
      error: { code: 'CANCELLED', message: 'Cancelled.' },
    });
    return;
  }
  parentPort.postMessage({ type: 'done', id: message.id, value: { reader: threadId } });
});
parentPort.postMessage({ type: 'ready' });
