import type { ChannelInput } from '@shared/ipc/channels';
import type { OperatorList, OperatorView } from '@shared/ipc/operator-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export type NewOperator = ChannelInput<'operatorsCreate'>;
export type DailyLimitChange = ChannelInput<'operatorsSetDailyLimit'>;

export function fetchOperators(): Promise<Result<OperatorList>> {
  return callDesk('operatorsList', {});
}

export function createOperator(input: NewOperator): Promise<Result<OperatorView>> {
  return callDesk('operatorsCreate', input);
}

export function changeRole(input: ChannelInput<'operatorsSetRole'>): Promise<Result<OperatorView>> {
  return callDesk('operatorsSetRole', input);
}

export function changeDailyLimit(input: DailyLimitChange): Promise<Result<OperatorView>> {
  return callDesk('operatorsSetDailyLimit', input);
}

export function changeActive(input: ChannelInput<'operatorsSetActive'>): Promise<Result<OperatorView>> {
  return callDesk('operatorsSetActive', input);
}

export function resetPassword(input: ChannelInput<'operatorsResetPassword'>): Promise<Result<OperatorView>> {
  return callDesk('operatorsResetPassword', input);
}
