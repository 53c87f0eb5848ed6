/** Every domain's handlers combined. `satisfies` proves each request name has exactly one. */
import type { RequestName } from '../../shared/api/requests.ts';
import { appHandlers } from './app/app.handlers.ts';
import { changesHandlers } from './changes/changes.handlers.ts';
import type { HandlerMap } from './handler.ts';
import { jobsHandlers } from './jobs/jobs.handlers.ts';
import { settingsHandlers } from './settings/settings.handlers.ts';
import { staffHandlers } from './staff/staff.handlers.ts';
import { todayHandlers } from './today/today.handlers.ts';
import { contactsHandlers } from './contacts.index.ts';
import { activityHandlers } from './activity.index.ts';
import { pipelineHandlers } from './pipeline.index.ts';
import { reportsHandlers } from './reports/reports.handlers.ts';
import { salesHandlers } from './sales.index.ts';
import { importHandlers } from './import/import.handlers.ts';
import { exportHandlers } from './export/export.handlers.ts';
import { backupsHandlers } from './backups/backups.handlers.ts';
import { auditHandlers } from './audit/audit.handlers.ts';
import { securityHandlers } from './security/security.handlers.ts';
import { privacyHandlers } from './privacy/privacy.handlers.ts';

export const handlers = {
  ...appHandlers,
  ...settingsHandlers,
  ...staffHandlers,
  ...todayHandlers,
  ...changesHandlers,
  ...jobsHandlers,
  ...contactsHandlers,
  ...activityHandlers,
  ...salesHandlers,
  ...pipelineHandlers,
  ...reportsHandlers,
  ...importHandlers,
  ...exportHandlers,
  ...backupsHandlers,
  ...auditHandlers,
  ...securityHandlers,
  ...privacyHandlers,
} satisfies HandlerMap<RequestName>;

export type Handlers = typeof handlers;
