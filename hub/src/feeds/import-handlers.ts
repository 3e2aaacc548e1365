import type { importRoutes } from '@shared/hub/imports';
import type { HubHandlers } from '../http/register-routes';
import type { HubImports } from './hub-imports';

/** The feed import's JSON routes (shared/hub/imports.ts), each handed to the hub's imports. */
export function importHandlers(imports: HubImports): Pick<HubHandlers, keyof typeof importRoutes> {
  return {
    importCreate: (input, { caller, now }) => imports.create(caller, input, now),
    importStart: (input, { caller }) => imports.start(caller, input.runId),
    importStatus: (input) => imports.status(input.runId),
    importCancel: (input) => imports.cancel(input.runId),
    importRejections: (input) => imports.rejections(input),
  };
}
