import { describe, expect, it } from 'vitest';
import { loadHubSetting, machineHubConfigPath, type HubConfigSources } from './hub-config';

const LINUX_FILE = '/etc/outage-credit-desk/hub.json';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function machine(files: Record<string, string>, options: Partial<HubConfigSources> & { owner?: number; mode?: number } = {}): HubConfigSources {
  return {
    isPackaged: true,
    platform: 'linux',
    env: {},
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    stat: () => ({ uid: options.owner ?? 0, mode: options.mode ?? 0o100644 }),
    ...options,
  };
}

describe('hub configuration', () => {
  it('places the machine-wide file per operating system', () => {
    expect(machineHubConfigPath('linux', {})).toBe(LINUX_FILE);
    expect(machineHubConfigPath('darwin', {})).toBe('/Library/Application Support/Outage Credit Desk/hub.json');
    expect(machineHubConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toMatch(/^D:\\ProgramData.Outage Credit Desk.hub\.json$/);
  });

  it('stays standalone when no file is there and nothing is set', () => {
    expect(loadHubSetting(machine({}))).toEqual({ mode: 'standalone' });
    expect(loadHubSetting(machine({}, { isPackaged: false }))).toEqual({ mode: 'standalone' });
  });

  it('reads the hub URL and the CA from the machine-wide file', () => {
    const file = JSON.stringify({ url: 'https://hub.site.example:7420/', caFile: '/etc/outage-credit-desk/ca.pem' });
    expect(loadHubSetting(machine({ [LINUX_FILE]: file, '/etc/outage-credit-desk/ca.pem': PEM }))).toEqual({
      mode: 'hub',
      url: 'https://hub.site.example:7420',
      ca: PEM,
      source: LINUX_FILE,
    });
  });

  it('ignores the environment in a packaged build, so an operator cannot pick a hub', () => {
    expect(loadHubSetting(machine({}, { env: { OCD_HUB_URL: 'http://127.0.0.1:9999' } }))).toEqual({ mode: 'standalone' });
  });

  it('takes OCD_HUB_URL and OCD_HUB_CA_FILE in a development build', () => {
    const sources = machine({ '/tmp/ca.pem': PEM }, { isPackaged: false, env: { OCD_HUB_URL: 'https://hub.test:7420', OCD_HUB_CA_FILE: '/tmp/ca.pem' } });
    expect(loadHubSetting(sources)).toEqual({ mode: 'hub', url: 'https://hub.test:7420', ca: PEM, source: 'OCD_HUB_URL' });
    expect(loadHubSetting(machine({}, { isPackaged: false, env: { OCD_HUB_URL: 'http://127.0.0.1:7420' } }))).toMatchObject({ mode: 'hub', ca: null });
  });

  it('answers a malformed file with a coded error instead of throwing', () => {
    expect(loadHubSetting(machine({ [LINUX_FILE]: '{"url": ' }))).toMatchObject({ mode: 'invalid', code: 'HUB_CONFIG_INVALID', source: LINUX_FILE });
    expect(loadHubSetting(machine({ [LINUX_FILE]: JSON.stringify({ url: 'https://hub.example', port: 1 }) }))).toMatchObject({
      mode: 'invalid',
      code: 'HUB_CONFIG_INVALID',
      problem: expect.stringContaining('port'),
    });
    expect(loadHubSetting(machine({ [LINUX_FILE]: JSON.stringify({ caFile: '/x.pem' }) }))).toMatchObject({ code: 'HUB_CONFIG_INVALID', problem: expect.stringContaining('url') });
  });

  it('refuses plain http to another machine, credentials in the URL and a relative CA path', () => {
    for (const url of ['http://hub.site.example:7420', 'https://user:pw@hub.example', 'ftp://hub.example']) {
      expect(loadHubSetting(machine({ [LINUX_FILE]: JSON.stringify({ url }) }))).toMatchObject({ code: 'HUB_CONFIG_INVALID' });
    }
    expect(loadHubSetting(machine({ [LINUX_FILE]: JSON.stringify({ url: 'https://hub.example', caFile: 'ca.pem' }) }))).toMatchObject({ code: 'HUB_CONFIG_INVALID' });
  });

  it('reports a CA file that is missing or holds no certificate', () => {
    const file = JSON.stringify({ url: 'https://hub.example', caFile: '/etc/outage-credit-desk/ca.pem' });
    expect(loadHubSetting(machine({ [LINUX_FILE]: file }))).toMatchObject({ code: 'HUB_CA_UNREADABLE' });
    expect(loadHubSetting(machine({ [LINUX_FILE]: file, '/etc/outage-credit-desk/ca.pem': 'hello' }))).toMatchObject({ code: 'HUB_CA_UNREADABLE' });
  });

  it('distrusts a file the operator could have written: not root-owned, or group/world writable', () => {
    const file = JSON.stringify({ url: 'https://hub.example' });
    expect(loadHubSetting(machine({ [LINUX_FILE]: file }, { owner: 1000 }))).toMatchObject({ code: 'HUB_CONFIG_INSECURE' });
    expect(loadHubSetting(machine({ [LINUX_FILE]: file }, { mode: 0o100666 }))).toMatchObject({ code: 'HUB_CONFIG_INSECURE' });
    expect(loadHubSetting(machine({ [LINUX_FILE]: file }, { owner: 1000, isPackaged: false }))).toMatchObject({ mode: 'hub' });
  });

  it('reports an unreadable file by its code', () => {
    const sources = machine({}, { readFile: () => { throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }); } });
    expect(loadHubSetting(sources)).toMatchObject({ mode: 'invalid', code: 'HUB_CONFIG_UNREADABLE', problem: expect.stringContaining('EACCES') });
  });
});
