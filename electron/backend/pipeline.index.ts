/** Every handler of the pipeline domain (issue 4): deal stages, deals, leads and cases. */
import { casesHandlers } from './cases/cases.handlers.ts';
import { dealsHandlers } from './deals/deals.handlers.ts';
import type { HandlerMap } from './handler.ts';
import { leadsHandlers } from './leads/leads.handlers.ts';
import { stagesHandlers } from './stages/stages.handlers.ts';
import type { pipelineRequests } from '../../shared/api/requests/pipeline.requests.ts';

export const pipelineHandlers = {
  ...stagesHandlers,
  ...dealsHandlers,
  ...leadsHandlers,
  ...casesHandlers,
} satisfies HandlerMap<keyof typeof pipelineRequests>;
