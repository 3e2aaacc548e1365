import { describe, expect, it } from 'vitest';
import { roles } from '../domain/operator';
import { mayCall, rolesFor } from './channel-access';
import { channelNames, channels } from './channels';

describe('channel access', () => {
  it('admits every role to a public channel', () => {
    expect(rolesFor('authSignIn')).toEqual(roles);
    expect(mayCall('agent', 'recoveryStatus')).toBe(true);
  });

  it('admits exactly the roles a channel lists', () => {
    expect(rolesFor('overridesDecide')).toEqual(['supervisor']);
    expect(mayCall('supervisor', 'overridesDecide')).toBe(true);
    expect(mayCall('agent', 'overridesDecide')).toBe(false);
    expect(mayCall('admin', 'overridesDecide')).toBe(false);
  });

  it.each(channelNames)('answers for %s what its spec declares', (name) => {
    const { access } = channels[name];
    for (const role of roles) expect(mayCall(role, name)).toBe(access === 'public' || access.includes(role));
  });
});
