import { describe, expect, it } from 'vitest';
import { appOrigins, isTrustedSender } from './is-trusted-sender';

const production = appOrigins();
const development = appOrigins('http://localhost:5173');

describe('trusted IPC sender', () => {
  it('accepts the top frame of the app window on app://desk', () => {
    expect(isTrustedSender({ url: 'app://desk/index.html', isAppTopFrame: true }, production)).toBe(true);
    expect(isTrustedSender({ url: 'app://desk/', isAppTopFrame: true }, production)).toBe(true);
    expect(isTrustedSender({ url: 'app://desk/index.html#/accounts/123', isAppTopFrame: true }, production)).toBe(true);
  });

  it('refuses a subframe or another window even on app://desk', () => {
    expect(isTrustedSender({ url: 'app://desk/index.html', isAppTopFrame: false }, production)).toBe(false);
  });

  it.each([
    'app://desk.evil/index.html',
    'app://evil/index.html',
    'app://desk:8080/index.html',
    'app://user@desk/index.html',
    'file:///work/main/out/renderer/index.html',
    'http://desk/index.html',
    'https://desk/index.html',
    'http://localhost:5173/',
    'about:blank',
    'data:text/html,hi',
    '',
    'not a url',
  ])('refuses %j in production', (url) => {
    expect(isTrustedSender({ url, isAppTopFrame: true }, production)).toBe(false);
  });

  it('accepts the dev server only when the app was started against it', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/index.html', isAppTopFrame: true }, development)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/index.html', isAppTopFrame: true }, development)).toBe(false);
    expect(isTrustedSender({ url: 'https://localhost:5173/', isAppTopFrame: true }, development)).toBe(false);
  });
});
