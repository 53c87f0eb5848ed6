/** Must match electron/main/ipc.main.ts (a shell test checks they agree). */
export const CRM_INVOKE_CHANNEL = 'crm:invoke';
export const CRM_EVENT_CHANNEL = 'crm:event';
