import type { OverrideRequestView, DeskOverrideSettings } from '@shared/domain/override';
import type { PatternThresholds } from '@shared/domain/override-patterns';
import type { ChannelInput } from '@shared/ipc/channels';
import type { OverrideOutageOption } from '@shared/ipc/override-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export type OverrideSubmission = ChannelInput<'overridesSubmit'>;

export function fetchOverrideOptions(accountNumber: string): Promise<Result<OverrideOutageOption[]>> {
  return callDesk('overridesOptions', { accountNumber });
}

export function submitOverride(submission: OverrideSubmission): Promise<Result<OverrideRequestView>> {
  return callDesk('overridesSubmit', submission);
}

export function fetchMyOverrides(): Promise<Result<OverrideRequestView[]>> {
  return callDesk('overridesMine', {});
}

export function withdrawOverride(requestId: string, version: number): Promise<Result<OverrideRequestView>> {
  return callDesk('overridesWithdraw', { requestId, version });
}

export function fetchOverrideSettings(): Promise<Result<DeskOverrideSettings>> {
  return callDesk('overridesSettingsGet', {});
}

export function saveOverrideSettings(settings: DeskOverrideSettings): Promise<Result<DeskOverrideSettings>> {
  return callDesk('overridesSettingsSet', settings);
}

export function fetchPatternThresholds(): Promise<Result<PatternThresholds>> {
  return callDesk('overridesPatternsGet', {});
}

export function savePatternThresholds(thresholds: PatternThresholds): Promise<Result<PatternThresholds>> {
  return callDesk('overridesPatternsSet', thresholds);
}
