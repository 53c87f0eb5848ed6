/**
 * open.cold: a fresh process opens the book and answers its first query (the first page of the
 * contacts list), then prints one line "answered {json}" with where its time went (milliseconds
 * since the process started) and exits. bench.cli.ts times from spawn to that line.
 *   node scripts/bench/measure/open-cold.child.ts app <dataDir>
 *   node scripts/bench/measure/open-cold.child.ts raw <book file>
 */
const [mode, where] = process.argv.slice(2);
if ((mode !== 'app' && mode !== 'raw') || !where) throw new Error('usage: open-cold.child.ts app|raw <path>');

const t = { start: performance.now(), imported: 0, opened: 0, answered: 0 };
if (mode === 'app') {
  const { createClient } = await import('../../../shared/api/client.ts');
  const { openBookForHost } = await import('../../../electron/backend/book.ts');
  const { createEventHub } = await import('../../../electron/backend/event-hub.ts');
  const { inProcessTransport } = await import('../../../electron/backend/inprocess.transport.ts');
  const { JOBS_WORKER_SOURCE } = await import('../../../electron/backend/jobs/jobs.worker-source.ts');
  t.imported = performance.now();
  const hub = createEventHub();
  const opened = await openBookForHost({
    dataDir: where,
    host: 'desktop',
    appVersion: 'bench',
    emit: (event, payload) => hub.emit(event, payload),
    jobsWorker: JOBS_WORKER_SOURCE,
    // The desktop shell starts its job workers at open: they start beside the first query here too.
    prewarmJobs: true,
    log: () => {},
  });
  t.opened = performance.now();
  const client = createClient(inProcessTransport(opened.backend, hub));
  const page = await client.call('people.list', { limit: 100 });
  t.answered = performance.now();
  process.stdout.write(`answered ${JSON.stringify({ ...t, rows: page.rows.length })}\n`);
  await opened.close();
} else {
  const { default: Database } = await import('better-sqlite3-multiple-ciphers');
  t.imported = performance.now();
  const db = new Database(where, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  t.opened = performance.now();
  const rows = db
    .prepare(
      `SELECT p.id, p.display_name, p.company_id, c.name AS company_name, p.job_title, p.stage, p.owner_id, p.city,
         p.primary_phone, p.primary_email, p.last_contact_at, p.next_call_at, p.created_at,
         (SELECT json_group_array(t.name ORDER BY t.name COLLATE NOCASE) FROM person_tags pt
          JOIN tags t ON t.id = pt.tag_id WHERE pt.person_id = p.id) AS tags
       FROM people p LEFT JOIN companies c ON c.id = p.company_id AND c.deleted_at IS NULL
       WHERE p.deleted_at IS NULL ORDER BY p.sort_key, p.id LIMIT 100`,
    )
    .all();
  t.answered = performance.now();
  process.stdout.write(`answered ${JSON.stringify({ ...t, rows: rows.length })}\n`);
  db.close();
}

/** A module (top-level await). */
export {};
