import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { appendAudit } from '../../electron/main/audit/audit-log';
import { TEST_PASSWORD_COST } from '../support/password-cost';
import { seriousA11yViolations, signIn, signOut } from './actions';
import { closeBrowser, startHarness, type Harness } from './harness';

/**
 * The app started on a database whose newest audit events were deleted behind its back (the
 * append-only triggers dropped): the anchor beside the database still counts them, so the app
 * starts in its integrity alarm.
 */
function tamperedDatabase(dbPath: string): void {
  const before = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: () => true });
  before.db.transaction(() => {
    for (let i = 0; i < 5; i++) {
      appendAudit(before.db, { operatorId: null, action: 'test.event', target: `t:${i}`, before: null, after: { i }, at: new Date('2024-03-04T14:00:00.000Z') });
    }
  })();
  before.auditAnchor.flush();
  before.close();
  const raw = new Database(dbPath);
  raw.exec('DROP TRIGGER audit_events_no_delete');
  raw.exec('DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events ORDER BY seq DESC LIMIT 2)');
  raw.close();
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ beforeStart: tamperedDatabase });
});

afterAll(async () => {
  await h?.close();
  await closeBrowser();
});

describe('the integrity alarm in the app', () => {
  it('shows every operator the alarm; an agent still searches and is told to call an admin', async () => {
    await signIn(h, 'alice', 'agent-demo-2024');
    const banner = h.page.getByTestId('integrity-banner');
    await expect.poll(() => banner.innerText()).toContain('Integrity alarm.');
    expect(await banner.innerText()).toContain('it holds 3 events where the anchor recorded 5');
    expect(await banner.innerText()).toContain('Tell an admin or security.');
    expect(await banner.getByRole('button', { name: 'Acknowledge and re-anchor' }).count()).toBe(0);
    await h.page.getByRole('combobox', { name: 'Find the caller' }).fill('muller');
    await expect.poll(() => h.page.getByRole('option').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await signOut(h);
  });

  it('refuses an admin change while alarmed, then an admin acknowledges it with a note and the banner goes', async () => {
    await signIn(h, 'ada', 'admin-demo-2024');
    const banner = h.page.getByTestId('integrity-banner');
    await banner.getByRole('button', { name: 'Acknowledge and re-anchor' }).waitFor();
    expect(await seriousA11yViolations(h)).toEqual([]);
    await h.docsScreenshot('integrity-alarm-admin');

    await h.page.getByRole('button', { name: 'Override limits' }).click();
    await h.page.getByRole('button', { name: 'Save limits' }).click();
    await expect
      .poll(() => h.page.getByRole('alert').allInnerTexts())
      .toContainEqual(expect.stringContaining('Override decisions and admin changes are refused until an admin acknowledges the alarm.'));

    await banner.getByLabel('What you found and did').fill('Two events deleted on seat 14; reported to security as INC-2201.');
    await banner.getByRole('button', { name: 'Acknowledge and re-anchor' }).click();
    await expect.poll(() => h.page.getByTestId('integrity-banner').count()).toBe(0);
    await h.page.getByRole('button', { name: 'Save limits' }).click();
    await h.page.getByText('Limits saved. They apply to the next request and decision.').waitFor();
    const acknowledged = h.backend.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'audit.integrity_acknowledged'").pluck().get();
    expect(acknowledged).toBe(1);
  });
});
