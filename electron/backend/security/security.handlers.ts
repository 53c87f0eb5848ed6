/**
 * security.*: encryption at rest. The book cannot be encrypted, decrypted or unlocked from inside
 * the backend that has it open (every connection must close first), so these requests go to the
 * host that holds the book: the gate (gate.ts), which the desktop app and the preview open it
 * through. While a book is locked, the gate answers them itself.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { Ctx, SecurityHost } from '../context.ts';
import type { HandlerMap } from '../handler.ts';

function host(ctx: Ctx): SecurityHost {
  const security = ctx.deps.security;
  if (!security) {
    throw new AppError(
      'INTERNAL',
      'This backend was opened without the part that keeps keys, so the book cannot be encrypted or decrypted here. Use the Ledgerline app.',
    );
  }
  return security;
}

export const securityHandlers = {
  'security.status': (_input, ctx) =>
    ctx.deps.security?.status() ?? {
      encrypted: ctx.deps.book.key !== null,
      protection: null,
      keychainAvailable: false,
      plainSnapshots: 0,
    },
  'security.encrypt': (input, ctx) => host(ctx).encrypt(input),
  'security.decrypt': (_input, ctx) => host(ctx).decrypt(),
  'security.unlock': (input, ctx) => host(ctx).unlock(input),
} satisfies HandlerMap<'security.status' | 'security.encrypt' | 'security.decrypt' | 'security.unlock'>;
