/**
 * Encrypting a book while the app runs, and opening it again (issue 6), through the gate the
 * desktop app and the preview hold the book with: with a keychain (a stand-in for Electron's
 * safeStorage) and without one (a passphrase), the recovery key, decrypting, a locked book's
 * refusals, snapshots encrypted with the book, and the state a crash can leave.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client.ts';
import type { Client } from '../../../shared/api/transport.ts';
import { bookPathIn } from '../../../electron/backend/book.ts';
import { createEventHub } from '../../../electron/backend/event-hub.ts';
import { inProcessTransport } from '../../../electron/backend/inprocess.transport.ts';
import { JOBS_WORKER_SOURCE } from '../../../electron/backend/jobs/jobs.worker-source.ts';
import { openGatedBook, type BookGate } from '../../../electron/backend/security/gate.ts';
import { envelopePath, type Keychain } from '../../../electron/backend/security/key-envelope.ts';
import { hasSqliteHeader, keyFromRecoveryKey, rekeyFile } from '../../../electron/db/cipher.ts';
import { fixedClock, makeTempDir, sequentialIds, setUp } from '../../helpers/book.ts';

/** A keychain that really encrypts, with a secret of its own (a reset keychain gets a new one). */
function fakeKeychain(): Keychain & { reset(): void; off(): void } {
  let secret = randomBytes(32);
  let on = true;
  return {
    available: () => on,
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', secret, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), data]);
    },
    decrypt(blob) {
      const d = createDecipheriv('aes-256-gcm', secret, blob.subarray(0, 12));
      d.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('utf8');
    },
    reset() {
      secret = randomBytes(32);
    },
    off() {
      on = false;
    },
  };
}

const MARKER = 'Zebedee';
const gates: BookGate[] = [];
afterEach(async () => {
  while (gates.length) await gates.pop()?.close();
});

async function open(dir: string, keychain: Keychain | null): Promise<{ gate: BookGate; client: Client }> {
  const hub = createEventHub();
  const gate = await openGatedBook({
    dataDir: dir,
    host: 'test',
    appVersion: '0.0.0-test',
    emit: (e, p) => hub.emit(e, p),
    clock: fixedClock(),
    ids: sequentialIds(`g${gates.length}-${Date.now()}`),
    jobsWorker: JOBS_WORKER_SOURCE,
    log: () => {},
    keychain,
  });
  gates.push(gate);
  return { gate, client: createClient(inProcessTransport(gate, hub)) };
}

async function shut(gate: BookGate): Promise<void> {
  gates.splice(gates.indexOf(gate), 1);
  await gate.close();
}

async function bookWithPerson(keychain: Keychain | null) {
  const dir = makeTempDir();
  const { gate, client } = await open(dir, keychain);
  await setUp(client);
  await client.call('people.create', { person: { givenName: MARKER, familyName: 'Okonkwo-Marsh' } });
  await client.call('backups.take', {});
  return { dir, gate, client, file: bookPathIn(dir) };
}

const snapshotsIn = (dir: string) =>
  fs
    .readdirSync(path.join(dir, 'backups'))
    .filter((n) => n.endsWith('.sqlite'))
    .map((n) => path.join(dir, 'backups', n));

const readable = (file: string) => fs.readFileSync(file).includes(Buffer.from(MARKER));

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('encrypting a book with the keychain', () => {
  it('encrypts the book and its snapshots, keeps the key wrapped, and opens by itself next time', async () => {
    const keychain = fakeKeychain();
    const { dir, gate, client, file } = await bookWithPerson(keychain);
    expect(await client.call('security.status', {})).toEqual({
      encrypted: false,
      protection: null,
      keychainAvailable: true,
      plainSnapshots: 0,
    });
    const { recoveryKey, status } = await client.call('security.encrypt', {});
    expect(status).toEqual({
      encrypted: true,
      protection: 'keychain',
      keychainAvailable: true,
      plainSnapshots: 0,
    });
    const key = keyFromRecoveryKey(recoveryKey);
    // Still answering, on the same data.
    const found = await client.call('search.global', { query: MARKER });
    expect(JSON.stringify(found)).toContain(MARKER);
    await client.call('backups.take', {});
    await shut(gate);

    expect(hasSqliteHeader(file)).toBe(false);
    expect(readable(file)).toBe(false);
    const snapshots = snapshotsIn(dir);
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    for (const s of snapshots) {
      expect(hasSqliteHeader(s)).toBe(false);
      expect(readable(s)).toBe(false);
    }
    const envelope = fs.readFileSync(envelopePath(file), 'utf8');
    expect(JSON.parse(envelope)).toMatchObject({ protection: 'keychain' });
    expect(envelope).not.toContain(key);

    const again = await open(dir, keychain);
    expect(again.gate.locked()).toBeNull();
    const people = await again.client.call('people.list', { limit: 10 });
    expect(JSON.stringify(people)).toContain(MARKER);
    // A snapshot of the encrypted book can be compared and restored.
    const overview = await again.client.call('backups.overview', {});
    const first = overview.snapshots.at(-1)!;
    await again.client.call('people.create', { person: { givenName: 'Later', familyName: 'Added' } });
    const diff = await again.client.call('backups.compare', { file: first.file });
    expect(diff.rows.find((r) => r.table === 'people')).toMatchObject({ lost: 1 });
    await again.client.call('backups.restore', { file: first.file });
    const after = JSON.stringify(await again.client.call('people.list', { limit: 10 }));
    expect(after).toContain(MARKER);
    expect(after).not.toContain('Later');
    expect(JSON.stringify(await again.client.call('search.global', { query: MARKER }))).toContain(MARKER);
  });

  it('is locked when the keychain cannot unwrap the key, and opens with the recovery key', async () => {
    const keychain = fakeKeychain();
    const { dir, gate, client } = await bookWithPerson(keychain);
    const { recoveryKey } = await client.call('security.encrypt', {});
    await shut(gate);
    keychain.reset();

    const { gate: locked, client: c } = await open(dir, keychain);
    expect(locked.locked()).toMatchObject({ reason: 'keychain-missing' });
    expect(await c.call('app.info', {})).toMatchObject({ locked: { reason: 'keychain-missing' } });
    expect(await errorOf(c.call('people.list', { limit: 10 }))).toMatchObject({ code: 'KEY_NEEDED' });
    expect(await errorOf(c.call('security.unlock', { passphrase: 'whatever it is' }))).toMatchObject({
      code: 'KEY_WRONG',
    });
    const typo = recoveryKey.replace(/^(.)/u, (ch: string) => (ch === 'A' ? 'B' : 'A'));
    expect(await errorOf(c.call('security.unlock', { recoveryKey: typo }))).toMatchObject({
      code: 'KEY_WRONG',
    });
    expect(await errorOf(c.call('security.unlock', {}))).toMatchObject({ code: 'VALIDATION' });

    expect(await c.call('security.unlock', { recoveryKey: recoveryKey.toLowerCase() })).toMatchObject({
      encrypted: true,
      protection: 'keychain',
    });
    expect(locked.locked()).toBeNull();
    expect(JSON.stringify(await c.call('people.list', { limit: 10 }))).toContain(MARKER);
    await shut(locked);
    // Wrapped again by this keychain: the next start needs nothing.
    const next = await open(dir, keychain);
    expect(next.gate.locked()).toBeNull();
  });

  it('decrypts the book and its snapshots and forgets the key', async () => {
    const keychain = fakeKeychain();
    const { dir, gate, client, file } = await bookWithPerson(keychain);
    await client.call('security.encrypt', {});
    expect(await client.call('security.decrypt', {})).toMatchObject({ encrypted: false, protection: null });
    expect(JSON.stringify(await client.call('people.list', { limit: 10 }))).toContain(MARKER);
    await shut(gate);
    expect(hasSqliteHeader(file)).toBe(true);
    for (const s of snapshotsIn(dir)) expect(hasSqliteHeader(s)).toBe(true);
    expect(fs.existsSync(envelopePath(file))).toBe(false);
    expect(
      await errorOf(open(dir, keychain).then(({ client: c }) => c.call('security.decrypt', {}))),
    ).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('encrypting a book where there is no keychain', () => {
  it('asks for a passphrase, then at every start, and the recovery key needs a new one', async () => {
    const { dir, gate, client } = await bookWithPerson(null);
    expect(await errorOf(client.call('security.encrypt', {}))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/no keychain/u),
    });
    expect(await errorOf(client.call('security.encrypt', { passphrase: 'short' }))).toMatchObject({
      code: 'VALIDATION',
    });
    const { recoveryKey, status } = await client.call('security.encrypt', {
      passphrase: 'correct horse battery',
    });
    expect(status).toMatchObject({ encrypted: true, protection: 'passphrase', keychainAvailable: false });
    await shut(gate);

    const first = await open(dir, null);
    expect(first.gate.locked()).toMatchObject({ reason: 'passphrase' });
    expect(
      await errorOf(first.client.call('security.unlock', { passphrase: 'Correct horse battery' })),
    ).toMatchObject({
      code: 'KEY_WRONG',
    });
    await first.client.call('security.unlock', { passphrase: 'correct horse battery' });
    expect(JSON.stringify(await first.client.call('people.list', { limit: 10 }))).toContain(MARKER);
    await shut(first.gate);

    const second = await open(dir, null);
    expect(await errorOf(second.client.call('security.unlock', { recoveryKey }))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/new passphrase/u),
    });
    expect(second.gate.locked()).not.toBeNull();
    await second.client.call('security.unlock', { recoveryKey, newPassphrase: 'a brand new phrase' });
    await shut(second.gate);

    const third = await open(dir, null);
    expect(
      await errorOf(third.client.call('security.unlock', { passphrase: 'correct horse battery' })),
    ).toMatchObject({
      code: 'KEY_WRONG',
    });
    await third.client.call('security.unlock', { passphrase: 'a brand new phrase' });
    expect(third.gate.locked()).toBeNull();
  });
});

describe('what a crash can leave', () => {
  it('opens a plain book beside a key it never used, and drops the key', async () => {
    const keychain = fakeKeychain();
    const { dir, gate, client, file } = await bookWithPerson(keychain);
    await client.call('security.encrypt', {});
    const key = fs.readFileSync(envelopePath(file));
    await client.call('security.decrypt', {});
    await shut(gate);
    // As if the app stopped after writing the key and before encrypting the book.
    fs.writeFileSync(envelopePath(file), key);
    const again = await open(dir, keychain);
    expect(again.gate.locked()).toBeNull();
    expect(await again.client.call('security.status', {})).toMatchObject({ encrypted: false });
    expect(fs.existsSync(envelopePath(file))).toBe(false);
  });

  it('encrypts the snapshots an interrupted encryption left plain, when the book next opens', async () => {
    const keychain = fakeKeychain();
    const { dir, gate, client } = await bookWithPerson(keychain);
    const { recoveryKey } = await client.call('security.encrypt', {});
    await shut(gate);
    const [snapshot] = snapshotsIn(dir);
    rekeyFile(snapshot!, keyFromRecoveryKey(recoveryKey), null); // as if not yet done
    expect(hasSqliteHeader(snapshot!)).toBe(true);
    await open(dir, keychain);
    await expect.poll(() => hasSqliteHeader(snapshot!), { timeout: 10_000 }).toBe(false);
    expect(readable(snapshot!)).toBe(false);
  });
});
