import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { resolveAppFile } from './resolve-app-file';
import { serveAppFile } from './serve-app-file';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'ocd-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'notes.txt'), 'not part of the build');
  writeFileSync(join(base, 'secret.json'), '{"secret":true}');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil()');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// path mapping', () => {
  it('maps app://desk/ and app://desk/index.html to the built index.html', () => {
    expect(resolveAppFile('app://desk/', root)).toEqual({ kind: 'file', path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile('app://desk/index.html', root)).toMatchObject({ path: join(root, 'index.html') });
    expect(resolveAppFile('app://desk/assets/index-abc.js?v=1', root)).toMatchObject({
      path: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it.each([
    'app://desk/../secret.json',
    'app://desk/%2e%2e/secret.json',
    'app://desk/assets/..%2F..%2Fsecret.json',
    'app://desk/..%2fsecret.json',
    'app://desk/%2e%2e%2fsecret.json',
    'app://desk/..%5csecret.json',
    'app://desk/../renderer-evil/x.js',
    'app://desk/%2e%2e%2frenderer-evil/x.js',
    'app://desk/index.html%00.js',
    'app://desk/%E0%A4%A',
    'app://evil/index.html',
    'app://desk.evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const resolved = resolveAppFile(url, root);
    if (resolved.kind === 'file') {
      // The URL parser may already fold some of these back inside the root; they must stay there.
      expect(resolved.path.startsWith(root + '/')).toBe(true);
    } else {
      expect(resolved).toEqual({ kind: 'refused' });
    }
  });

  it('refuses file types the renderer build never contains', () => {
    expect(resolveAppFile('app://desk/assets/notes.txt', root)).toEqual({ kind: 'refused' });
    expect(resolveAppFile('app://desk/assets', root)).toEqual({ kind: 'refused' });
  });
});

describe('app:// responses', () => {
  it('serves a build file with the strict Content-Security-Policy header', async () => {
    const response = await serveAppFile('app://desk/index.html', root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>desk</title>');
  });

  it('states the policy the issue asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  it('answers 404 for traversal, unknown types and missing files, never their content', async () => {
    for (const url of ['app://desk/../secret.json', 'app://desk/..%2fsecret.json', 'app://desk/assets/notes.txt', 'app://desk/missing.js']) {
      const response = await serveAppFile(url, root);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('secret');
    }
  });
});
