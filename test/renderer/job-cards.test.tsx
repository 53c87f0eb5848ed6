/** Long jobs show a card with their progress and a Cancel that reaches the backend. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import type { JobProgress } from '../../shared/api/events.ts';
import { renderAt, type Rendered } from './contacts/harness.tsx';

let app: Rendered | null = null;
afterEach(async () => {
  await app?.stop();
  app = null;
});

/** The app is up once the shell (and its corner for toasts and job cards) is on screen. */
async function ready(route: 'contacts'): Promise<Rendered> {
  const a = await renderAt(route);
  await waitFor(() => expect(document.querySelector('.toasts')).not.toBeNull());
  return a;
}

function emit(a: Rendered, p: Partial<JobProgress> & Pick<JobProgress, 'jobId' | 'state'>) {
  act(() =>
    a.book.hub.emit('job.progress', { kind: 'people.bulk', done: 0, total: null, message: '', ...p }),
  );
}

describe('job cards', () => {
  it('shows a running job after a moment, counts its progress, and cancels it', async () => {
    app = await ready('contacts');
    const a = app;
    emit(a, { jobId: 'job-7', state: 'running' });
    emit(a, { jobId: 'job-7', state: 'running', done: 2500, total: 10000, message: 'Delete 10,000 people' });
    const card = await screen.findByRole('group', { name: 'Delete 10,000 people' });
    expect(card.textContent).toContain('2,500 of 10,000');
    expect(screen.getByRole('progressbar', { name: 'Delete 10,000 people: progress' })).toHaveProperty(
      'value',
      2500,
    );
    await a.user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(a.h.count('jobs.cancel')).toBe(1);
    expect(screen.getByRole('button', { name: 'Cancelling…' })).toHaveProperty('disabled', true);
    emit(a, { jobId: 'job-7', state: 'cancelled' });
    expect(screen.queryByRole('group', { name: 'Delete 10,000 people' })).toBeNull();
  });

  it('never shows a job that ends within the moment', async () => {
    app = await ready('contacts');
    const a = app;
    emit(a, { jobId: 'job-8', state: 'running', message: 'Tag 3 people' });
    emit(a, { jobId: 'job-8', state: 'done', message: 'Tag 3 people' });
    // Past the moment a running job would have shown: still nothing.
    await new Promise((r) => setTimeout(r, 600));
    expect(screen.queryByRole('group', { name: 'Tag 3 people' })).toBeNull();
    // A job without a message is named by its kind.
    emit(a, { jobId: 'job-9', state: 'running', kind: 'batches.undo' });
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Undoing' }).textContent).toContain('Starting'),
    );
  });

  it('shows the book check after opening without a Cancel, saying changes wait for it', async () => {
    app = await ready('contacts');
    const a = app;
    emit(a, { jobId: 'job-1', state: 'running', kind: 'book.check', cancellable: false });
    emit(a, {
      jobId: 'job-1',
      state: 'running',
      kind: 'book.check',
      cancellable: false,
      done: 12,
      total: 49,
    });
    const card = await screen.findByRole('group', { name: 'Checking the customer book' });
    expect(card.textContent).toContain('12 of 49');
    expect(card.textContent).toContain('Changes are saved once it is done');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    emit(a, { jobId: 'job-1', state: 'done', kind: 'book.check', cancellable: false });
    expect(screen.queryByRole('group', { name: 'Checking the customer book' })).toBeNull();
  });

  it('shows a job that was already running when the window opened', async () => {
    app = await renderAt('contacts', async (book) => {
      // As the book check of a large book is when the window opens.
      book.backend.ctx.jobs.running = () => [
        {
          jobId: 'job-1',
          kind: 'book.check',
          done: 9,
          total: 49,
          message: '',
          state: 'running',
          cancellable: false,
        },
      ];
    });
    const card = await screen.findByRole('group', { name: 'Checking the customer book' });
    expect(card.textContent).toContain('9 of 49');
    emit(app, { jobId: 'job-1', state: 'done', kind: 'book.check', cancellable: false });
    expect(screen.queryByRole('group', { name: 'Checking the customer book' })).toBeNull();
  });
});
