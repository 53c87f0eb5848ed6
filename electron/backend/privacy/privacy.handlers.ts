/**
 * Privacy (issue 6): erasing a person (a write job: it reads the whole undo history and rewrites
 * the search index, which takes longer than a click should block the window) and its preview (a
 * read job), the record of erasures, and the consent ledger.
 */
import type { HandlerMap } from '../handler.ts';
import { listConsents, recordConsent, withdrawConsent } from './consents.ts';
import { snapshotsHolding } from './erase.preview.ts';
import { listErasures } from './erasures.ts';

export const privacyHandlers = {
  'privacy.erasePreview': async (input, ctx) => {
    const { createdAt, ...preview } = await ctx.jobs.run('privacy.erasePreview', input);
    let snapshots = null;
    try {
      snapshots = snapshotsHolding(await ctx.jobs.run('backups.list', {}), createdAt);
    } catch {
      // The snapshots folder cannot be read (a drive that is gone): the dialog says it could not tell.
    }
    return { ...preview, snapshots };
  },
  'privacy.erase': (input, ctx) => ctx.jobs.run('privacy.erase', input),
  'privacy.erasures': (_input, ctx) => listErasures(ctx),

  'consents.list': (input, ctx) => listConsents(ctx, input.personId),
  'consents.record': (input, ctx) => recordConsent(ctx, input),
  'consents.withdraw': (input, ctx) => withdrawConsent(ctx, input),
} satisfies HandlerMap<
  | 'privacy.erasePreview'
  | 'privacy.erase'
  | 'privacy.erasures'
  | 'consents.list'
  | 'consents.record'
  | 'consents.withdraw'
>;
