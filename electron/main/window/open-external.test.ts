import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));

const { checkExternalUrl, openExternal, EXTERNAL_HOSTS } = await import('./open-external');

const HOSTS = ['status.example-utility.com'];

describe('external links', () => {
  it('opens an https URL on an allow-listed host, normalised', async () => {
    const open = vi.fn(async () => {});
    expect(await openExternal('https://status.example-utility.com/outages?id=7', HOSTS, open)).toBe(true);
    expect(open).toHaveBeenCalledWith('https://status.example-utility.com/outages?id=7');
  });

  it.each([
    'http://status.example-utility.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://status.example-utility.com/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://desk/index.html',
    'https://status.example-utility.com.evil.com/',
    'https://evil.com/status.example-utility.com',
    'https://status.example-utility.com@evil.com/',
    'https://user:pw@status.example-utility.com/',
    'https://status.example-utility.com:8443/',
    'https://sub.status.example-utility.com/',
    'https://example-utility.com/',
    ' https://evil.com',
    'not a url',
    '',
  ])('refuses %j and never calls the shell', async (url) => {
    const open = vi.fn(async () => {});
    expect(checkExternalUrl(url, HOSTS).allowed).toBe(false);
    expect(await openExternal(url, HOSTS, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it('allows nothing with the shipped (empty) allow-list', () => {
    expect(EXTERNAL_HOSTS).toEqual([]);
    expect(checkExternalUrl('https://status.example-utility.com/').allowed).toBe(false);
  });
});
