import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from './actions';
import { closeBrowser, SCREENSHOT_DIR, startHarness, type Harness } from './harness';

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
});
