import { describe, expect, it } from 'vitest';
import { mayCall } from '@shared/ipc/channel-access';
import { channelNames, channels, type ChannelName } from '@shared/ipc/channels';
import {
  canAcknowledgeIntegrity,
  canFileOverrides,
  evidencePanelChannels,
  integrityBannerChannels,
  languagePickerChannels,
  canChooseLanguage,
  canChangeOwnPassword,
  ownPasswordChannels,
  overridePanelChannels,
  workspaceChannels,
  workspacesAllowedBy,
  workspacesFor,
} from './workspace-access';

describe('which screens a role may open', () => {
  it.each([
    ['agent', ['lookup', 'myOverrides']],
    ['supervisor', ['lookup', 'dashboard', 'myOverrides', 'approvals', 'faultReports', 'audit']],
    ['admin', ['lookup', 'dashboard', 'audit', 'import', 'export', 'policyRun', 'overrideLimits', 'operators', 'hub']],
  ] as const)('opens to an %s the screens its channels admit it to', (role, expected) => {
    expect(workspacesFor(role)).toEqual(expected);
  });

  it('lets agents and supervisors file overrides, not admins', () => {
    expect(canFileOverrides('agent')).toBe(true);
    expect(canFileOverrides('supervisor')).toBe(true);
    expect(canFileOverrides('admin')).toBe(false);
  });

  it('lets every signed-in role choose its own interface language', () => {
    expect(canChooseLanguage('agent')).toBe(true);
    expect(canChooseLanguage('supervisor')).toBe(true);
    expect(canChooseLanguage('admin')).toBe(true);
  });

  it('lets every signed-in role change its own password', () => {
    for (const role of ['agent', 'supervisor', 'admin'] as const) expect(canChangeOwnPassword(role)).toBe(true);
  });

  it('lets only admins acknowledge the integrity alarm', () => {
    expect(canAcknowledgeIntegrity('admin')).toBe(true);
    expect(canAcknowledgeIntegrity('supervisor')).toBe(false);
    expect(canAcknowledgeIntegrity('agent')).toBe(false);
  });

  it('closes a screen to a role as soon as one of its channels stops admitting that role', () => {
    const verifyForAdminsOnly = (role: Parameters<typeof mayCall>[0], channel: ChannelName) =>
      channel === 'auditVerify' ? role === 'admin' : mayCall(role, channel);
    expect(workspacesAllowedBy('supervisor', verifyForAdminsOnly)).toEqual(['lookup', 'dashboard', 'myOverrides', 'approvals', 'faultReports']);
    expect(workspacesAllowedBy('admin', verifyForAdminsOnly)).toContain('audit');
  });

  it('opens a screen to a role once every one of its channels admits it', () => {
    const queueForAdminsToo = (role: Parameters<typeof mayCall>[0], channel: ChannelName) =>
      workspaceChannels.approvals.some((c) => c === channel) ? role !== 'agent' : mayCall(role, channel);
    expect(workspacesAllowedBy('admin', queueForAdminsToo)).toContain('approvals');
    const onlyTheQueue = (role: Parameters<typeof mayCall>[0], channel: ChannelName) =>
      channel === 'overridesQueue' ? true : mayCall(role, channel);
    expect(workspacesAllowedBy('admin', onlyTheQueue)).not.toContain('approvals');
  });

  it('places every channel that needs a signed-in role under a screen, so a new one cannot dodge the menus', () => {
    const placed = new Set<ChannelName>([
      ...Object.values(workspaceChannels).flat(),
      ...overridePanelChannels,
      ...integrityBannerChannels,
      ...evidencePanelChannels,
      ...languagePickerChannels,
      ...ownPasswordChannels,
    ]);
    const unplaced = channelNames.filter((name) => channels[name].access !== 'public' && !placed.has(name));
    expect(unplaced).toEqual([]);
  });
});
