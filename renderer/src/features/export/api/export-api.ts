import type { ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchExportBatches(): Promise<Result<ChannelOutput<'exportListBatches'>>> {
  return callDesk('exportListBatches', {});
}

export function createExportBatch(): Promise<Result<ChannelOutput<'exportCreateBatch'>>> {
  return callDesk('exportCreateBatch', {});
}

export function writeExportBatch(batchNumber: number): Promise<Result<ChannelOutput<'exportWriteBatch'>>> {
  return callDesk('exportWriteBatch', { batchNumber });
}
