import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness, type Harness } from './harness';

/**
 * The CSP is proven in Chromium itself. page.evaluate runs through DevTools, which CSP does not
 * govern, so it is used only to add elements and read flags: the code under test runs as page
 * script (a DOM-inserted inline script, and a same-origin script file that calls eval).
 */
let harness: Harness;

type Violation = { directive: string; blocked: string };

beforeAll(async () => {
  harness = await startHarness();
  // A same-origin script, allowed by script-src 'self', so that only its eval is on trial.
  await harness.page.route('**/csp-probe.js', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
      body: "window.__probeLoaded = true; try { eval('window.__evalRan = true'); } catch (e) { window.__evalError = String(e.name); }",
    }),
  );
  await harness.page.evaluate(`
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
    });
  `);
});

afterAll(async () => {
  await harness?.close();
  await closeBrowser();
});

/** True only if page script set window[name] to true. */
async function flag(name: string): Promise<boolean> {
  return harness.page.evaluate<boolean>(`window[${JSON.stringify(name)}] === true`);
}

async function violations(): Promise<Violation[]> {
  return harness.page.evaluate<Violation[]>('window.__violations.slice()');
}

describe('content security policy in Chromium', () => {
  it('blocks an inline script inserted into the page', async () => {
    await harness.page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(script);
    }`);
    await expect.poll(violations).toContainEqual({ directive: 'script-src-elem', blocked: 'inline' });
    expect(await flag('__inlineRan')).toBe(false);
  });

  it('blocks an inline event handler attribute', async () => {
    await harness.page.evaluate(`{
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handlerRan = true');
      img.src = 'data:image/png;base64,broken';
      document.body.appendChild(img);
    }`);
    await expect.poll(violations).toContainEqual({ directive: 'script-src-attr', blocked: 'inline' });
    expect(await flag('__handlerRan')).toBe(false);
  });

  it('blocks eval called by an allowed same-origin script', async () => {
    await harness.page.evaluate(`{
      const script = document.createElement('script');
      script.src = '/csp-probe.js';
      document.body.appendChild(script);
    }`);
    // The script itself ran, so CSP allowed it and refused only the eval.
    await expect.poll(() => flag('__probeLoaded')).toBe(true);
    expect(await flag('__evalRan')).toBe(false);
    expect(await harness.page.evaluate<string | null>('window.__evalError ?? null')).toBe('EvalError');
    await expect.poll(violations).toContainEqual({ directive: 'script-src', blocked: 'eval' });
  });

  it('blocks a script from another origin', async () => {
    await harness.page.evaluate(`{
      const script = document.createElement('script');
      script.src = 'https://evil.example/x.js';
      document.body.appendChild(script);
    }`);
    await expect.poll(violations).toContainEqual({ directive: 'script-src-elem', blocked: 'https://evil.example/x.js' });
  });
});
