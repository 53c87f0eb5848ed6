/** What the crash harness's victim (crash.child.ts) tells the harness (crash.ts). */

export type CrashOp =
  | { kind: 'create'; familyName: string; id?: string }
  | { kind: 'rename'; id: string; familyName: string }
  | { kind: 'call'; personId: string; summary: string; id?: string }
  | { kind: 'import'; tag: string; rows: number; batchId?: string }
  | { kind: 'merge'; keepId: string; mergeId: string };

export type CrashMessage =
  | { type: 'ready' }
  /** About to write: the write may or may not be in the book after a kill. */
  | { type: 'begin'; op: CrashOp }
  /** The write returned, so it is committed: it must be in the book after any kill. */
  | { type: 'ack'; op: CrashOp };

/** A small seeded generator, so a failing run can be repeated with its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
