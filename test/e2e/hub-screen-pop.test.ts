import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREEN_POP_PATH } from '@shared/hub/screen-pop';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { enrolOnHubScreen, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

/*
 * The phone system pops a caller through the hub: two real desktops (own SQLite, own
 * Chromium page) against one real hub on PostgreSQL. The admin makes the integration token on
 * the Hub screen; the pop for Alice opens the caller on her desktop only, with the call's id
 * in the override form; after the admin revokes the token, the hub refuses it.
 */

const maria = demoAccounts.mariaMuller;
const OUTAGE = 'Nationwide wireless outage (network change)';

let site: HubTestSite;
let a: Harness;
let b: Harness;
let token: string;

async function enrolThroughHubScreen(h: Harness, name: string): Promise<void> {
  await enrolOnHubScreen(h, await site.enrolmentCode(), name);
}

function pop(body: unknown, bearer = token): Promise<Response> {
  return fetch(`${site.url()}${SCREEN_POP_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  site = await startHubTestSite();
  const hub = { mode: 'hub', url: site.url(), ca: null, source: 'test' } as const;
  a = await startHarness({ startAt: new Date(), hub, hubPullIntervalMs: 2_000 });
  b = await startHarness({ startAt: new Date(), hub, hubPullIntervalMs: 2_000 });
  await enrolThroughHubScreen(a, 'Desk A');
  await enrolThroughHubScreen(b, 'Desk B');
  await signOut(a);
  // Signed in again, now through the hub: the admin's token calls go to the hub as her.
  await signOut(b);
  await signIn(b, 'ada', 'admin-demo-2024');
  await b.page.getByRole('button', { name: 'Hub', exact: true }).click();
}, 180_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await closeBrowser();
  await site?.close();
}, 60_000);

describe('screen-pop from the phone system through the hub (Chromium, real hub on PostgreSQL)', () => {
  it('the admin makes a token on the Hub screen; a pop for Alice opens the caller on her desktop, with the call id, and not on Bob’s', async () => {
    await b.page.getByLabel('Integration name').fill('Genesys, floor 2');
    await b.page.getByRole('button', { name: 'Make token' }).click();
    const shown = b.page.getByTestId('integration-token-value');
    await shown.waitFor();
    token = (await shown.innerText()).trim();
    expect(token).toMatch(/^ocdi_[A-Za-z0-9_-]{43}$/);
    await b.page.getByTestId('integration-tokens').getByText('Genesys, floor 2').waitFor();
    await b.docsScreenshot('hub-screen-pop-01-admin-token-made');
    await b.page.getByRole('button', { name: 'I have copied it' }).click();
    await signOut(b);

    await signIn(a, 'alice', 'agent-demo-2024');
    await signIn(b, 'bob', 'agent-demo-2024');
    const box = (h: Harness) => h.page.getByRole('combobox', { name: 'Find the caller' });
    await box(a).waitFor();
    await box(b).waitFor();

    // The phone system posts when the call reaches Alice; her desktop's stream may still be opening.
    const body = { agent: 'alice', callerNumber: '(212) 555-0147', callId: 'CALL-E2E-7781' };
    let answer = await pop(body);
    for (let tries = 0; answer.status === 404 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await pop(body);
    }
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ delivered: 1 });

    // Nothing clicked on A: Maria's account opens, and the override form carries the call's id.
    await a.page.getByRole('heading', { name: /Maria Müller/ }).waitFor({ timeout: 5_000 });
    await a.docsScreenshot('hub-screen-pop-02-alice-caller-opened');
    await a.page.getByRole('button', { name: `Request override for ${OUTAGE}` }).click();
    const form = a.page.getByRole('form', { name: `Override request: ${OUTAGE}` });
    const reference = form.getByLabel('Interaction reference');
    await expect.poll(() => reference.inputValue()).toBe('CALL-E2E-7781');
    await reference.scrollIntoViewIfNeeded();
    await a.docsScreenshot('hub-screen-pop-03-alice-interaction-reference-filled');

    // Bob's desktop shows no one: still the empty search.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await b.page.getByRole('heading', { name: /Maria Müller/ }).count()).toBe(0);
    expect(await box(b).inputValue()).toBe('');
    expect(maria.accountNumber).toBeTruthy();
  });

  it('after the admin revokes the token on the Hub screen, the hub refuses it with 401 and nothing reaches Alice', async () => {
    await signOut(b);
    await signIn(b, 'ada', 'admin-demo-2024');
    await b.page.getByRole('button', { name: 'Hub', exact: true }).click();
    await b.page.getByRole('button', { name: 'Revoke the token of Genesys, floor 2' }).click();
    await b.page.getByTestId('integration-tokens').getByText(/^Revoked /).waitFor();
    await b.docsScreenshot('hub-screen-pop-04-admin-token-revoked');

    await a.page.keyboard.press('Escape');
    const refused = await pop({ agent: 'alice', callerNumber: '(305) 555-0123', callId: 'CALL-E2E-7782' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: 'INTEGRATION_TOKEN_REVOKED' } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await a.page.getByRole('heading', { name: /Carlos Peña/ }).count()).toBe(0);
  });
});
