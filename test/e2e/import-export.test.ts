import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { a11yViolations, signIn } from './actions';
import { closeBrowser, DOCS_SCREENSHOT_DIR, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

const SAMPLES = resolve(__dirname, '../../resources/sample-feeds');

describe('admin imports feeds and exports credits to billing (real renderer, real handlers, real files)', () => {
  let h: Harness;
  let feeds: string;

  beforeEach(async () => {
    // The sample feeds plus one bad row: a line whose account does not exist.
    feeds = mkdtempSync(join(tmpdir(), 'ocd-e2e-feeds-'));
    cpSync(SAMPLES, feeds, { recursive: true });
    appendFileSync(join(feeds, 'lines.csv'), 'E2E-L1,NO-SUCH-ACCOUNT,+12125550999,wireless_voice,1000,active\r\n');
    h = await startHarness({ pickFeedFiles: async (mode) => (mode === 'folder' ? [feeds] : null) });
  });
  afterEach(async () => {
    await h.close();
    rmSync(feeds, { recursive: true, force: true });
  });
  afterAll(async () => {
    await closeBrowser();
    console.log(`End-to-end screenshots: ${SCREENSHOT_DIR}`);
  });

  it('ada imports the sample feeds, sees the one rejected row, and exports a batch', async () => {
    const { page } = h;
    await signIn(h, 'ada', 'admin-demo-2024');

    await page.getByRole('button', { name: 'Import feeds' }).click();
    await page.getByRole('button', { name: 'Choose a folder…' }).click();
    const found = page.getByRole('table', { name: 'Found' });
    await expect.poll(() => found.getByRole('row').count()).toBe(7);
    await expect.poll(() => found.getByRole('row', { name: /lines\.csv/ }).textContent()).toContain('Ready');
    await h.screenshot('import-1-found');

    await page.getByRole('button', { name: /^Import .* rows$/ }).click();
    await page.getByText('Import finished.').waitFor();
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await expect.poll(() => rejected.getByRole('row').count()).toBe(2);
    const row = await rejected.getByRole('row').nth(1).textContent();
    expect(row).toContain('lines.csv');
    expect(row).toContain('account_source_id');
    expect(row).toContain('refers to a record that does not exist');
    const results = page.getByRole('table', { name: 'Result per file' });
    expect(await results.getByRole('row', { name: /credits\.ndjson/ }).textContent()).toMatch(/credits\.ndjsonCredits2000$/);
    // No temporary path on screen: main opens the report it wrote for the run.
    await page.getByRole('button', { name: 'Open the report' }).click();
    await expect.poll(() => h.openedFiles.length).toBe(1);
    expect(readFileSync(h.openedFiles[0]!, 'utf8')).toContain('lines.csv,');
    await h.screenshot('import-2-done-with-rejection');

    await page.getByRole('button', { name: 'Billing export' }).click();
    await page.getByText('2 scheduled credits are ready to export.').waitFor();
    await page.getByRole('button', { name: 'Create batch' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Batch 1 written to' });
    await status.waitFor();
    const path = (await status.textContent())?.replace('Batch 1 written to ', '') ?? '';
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(3);
    const batches = page.getByRole('table', { name: 'Batches' });
    await expect.poll(() => batches.getByRole('row').count()).toBe(2);
    await h.screenshot('export-1-batch');

    const before = readFileSync(path);
    await page.getByRole('button', { name: 'Export batch 1 again' }).click();
    await page.getByRole('status').filter({ hasText: 'Batch 1 written again' }).waitFor();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('ada checks what the policy run will write, confirms the count and totals per currency, and reads the result by outcome', async () => {
    const { page } = h;
    const db = h.backend.db;
    const outage = db.prepare(`SELECT id, title FROM outages WHERE source_id = 'att-2024-02-22-nationwide'`).get() as { id: number; title: string };
    const automaticCredits = () => db.prepare(`SELECT count(*) FROM credits WHERE outage_id = ? AND source = 'automatic'`).pluck().get(outage.id) as number;
    const before = automaticCredits();
    /** Both themes, the whole page (the confirmation sits below the form). */
    const photograph = async (name: string) => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await a11yViolations(h), `${name} in the ${scheme} theme`).toEqual([]);
        await page.screenshot({ path: join(DOCS_SCREENSHOT_DIR, `admin-policy-run-${name}-${scheme}.png`), fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    };
    await signIn(h, 'ada', 'admin-demo-2024');
    await page.getByRole('button', { name: 'Policy run' }).click();

    // The newest major outage is offered first, by its name; its policy by its name too.
    const select = page.getByLabel('Outage');
    await expect.poll(() => select.inputValue()).toBe(String(outage.id));
    expect(await select.locator('option:checked').textContent()).toContain(outage.title);
    const description = await page.locator('.policy-run .field__hint').textContent();
    expect(description).toMatch(/^Credit policy: .+ \(version \d+\)$/);
    expect(description).not.toContain('att-2024-02-make-it-right');
    await photograph('choose');

    await page.getByRole('button', { name: 'Check what the run will write' }).click();
    const confirm = page.getByRole('region', { name: /^Write [\d,]+ credits\?$/ });
    await confirm.waitFor();
    // Nothing is written by the check itself.
    expect(automaticCredits()).toBe(before);
    const count = Number((await confirm.getByRole('heading').textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    const totals = await confirm.getByRole('table', { name: 'Credits to write, per currency' }).getByRole('row').allTextContents();
    expect(totals[0]).toBe('CurrencyCreditsAmount');
    // $5.00 per account under the February 2024 credit, in dollars only.
    expect(totals.slice(1)).toEqual([`USD${count.toLocaleString('en-US')}$${(count * 5).toLocaleString('en-US')}.00`]);
    await expect.poll(() => page.evaluate<string>("document.activeElement?.textContent ?? ''")).toMatch(/^Write [\d,]+ credits\?$/);
    await photograph('confirm');

    await confirm.getByRole('button', { name: /^Write [\d,]+ credits$/ }).click();
    const result = page.getByRole('region', { name: 'Result of the run' });
    await result.waitFor();
    expect(automaticCredits()).toBe(before + count);
    const outcomes = await result.getByRole('table', { name: 'Accounts decided, by outcome' }).getByRole('row').allTextContents();
    expect(outcomes.map((row) => row.replace(/[\d,]+$/, ''))).toEqual(['OutcomeAccounts', 'Eligible', 'Not eligible', 'Already credited', 'Needs review']);
    expect(outcomes[1]).toBe(`Eligible${count.toLocaleString('en-US')}`);
    // The progress bar spans the screen's width.
    const bar = await page.getByRole('progressbar', { name: 'Accounts decided' }).boundingBox();
    const panel = await page.locator('.policy-run').boundingBox();
    expect(bar!.width).toBeGreaterThan(panel!.width * 0.9);
    await photograph('result');
  });
});
