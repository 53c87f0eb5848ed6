/**
 * Where a worker thread's entry file is. From source (the preview, the tests) it is `<name>.ts`
 * beside the module that starts the thread, and Node 24 strips its types. In a bundle (out/main,
 * and the bench's, which is built the same way) it is an entry of its own, `<name>.js`, while the
 * code that starts it may sit in a shared chunk one folder down.
 *   new Worker(threadEntry('rekey.worker', import.meta.url))
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export function threadEntry(name: string, from: string): URL {
  if (from.endsWith('.ts')) return new URL(`./${name}.ts`, from);
  const candidates = [`./${name}.js`, `../${name}.js`].map((p) => new URL(p, from));
  return candidates.find((u) => fs.existsSync(fileURLToPath(u))) ?? candidates[0]!;
}
