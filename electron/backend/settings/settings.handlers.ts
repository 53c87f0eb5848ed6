import { AppError } from '../../../shared/api/errors.ts';
import type { HandlerMap } from '../handler.ts';
import { readSettings, writeSettings } from './settings.store.ts';
import { insertStaff } from '../staff/staff.handlers.ts';

export const settingsHandlers = {
  'settings.get': (_input, ctx) => readSettings(ctx),

  'settings.update': (input, ctx) =>
    ctx.writer.write((scope) => {
      writeSettings(ctx, scope, input);
      return readSettings(ctx);
    }),

  'setup.complete': (input, ctx) =>
    ctx.writer.write((scope) => {
      if (readSettings(ctx).setupComplete) {
        throw new AppError(
          'CONFLICT',
          'This customer book is already set up. Change the business details in Settings.',
        );
      }
      const owner = insertStaff(ctx, scope, {
        name: input.userName,
        email: input.email ?? null,
        role: 'owner',
      });
      scope.staffId = owner.id;
      writeSettings(ctx, scope, {
        businessName: input.businessName,
        currency: input.currency,
        locale: input.locale,
        currentStaffId: owner.id,
        setupComplete: true,
      });
      return readSettings(ctx);
    }),
} satisfies HandlerMap<'settings.get' | 'settings.update' | 'setup.complete'>;
