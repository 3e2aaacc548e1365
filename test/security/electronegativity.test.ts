import { describe, expect, it } from 'vitest';
import { ALLOWED_FINDINGS, parseSarif, runElectronegativity, unexpectedFindings } from '../../scripts/security-scan';
import { appWebPreferences } from '../../electron/main/window/window-options';

describe('Electronegativity gate', () => {
  it('finds nothing in electron/ and the renderer shell beyond the justified allow-list', async () => {
    const findings = await runElectronegativity();
    // The scanner really ran: the CSP check always reports on the meta tag it reads.
    expect(findings.length).toBeGreaterThan(0);
    expect(unexpectedFindings(findings)).toEqual([]);
  }, 120_000);

  it('gives every allow-list entry a check, a file and a reason', () => {
    for (const entry of ALLOWED_FINDINGS) {
      expect(entry.check).toMatch(/^[A-Z_]+_CHECK$/);
      expect(entry.file).toMatch(/^(electron|renderer)\//);
      expect(entry.why.length).toBeGreaterThan(40);
    }
  });

  it('keeps the reason for the window-option entries true: the options really are safe', () => {
    expect(appWebPreferences('/p.cjs')).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('fails on a finding that is not allow-listed, even for an allow-listed check in another file', () => {
    const sarif = JSON.stringify({
      runs: [
        {
          results: [
            {
              ruleId: 'SANDBOX_JS_CHECK',
              message: { text: 'Use sandbox' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'electron/main/window/other-window.ts' }, region: { startLine: 3 } } }],
            },
            {
              ruleId: 'SANDBOX_JS_CHECK',
              locations: [{ physicalLocation: { artifactLocation: { uri: 'electron/main/window/create-main-window.ts' } } }],
            },
            { ruleId: 'NODE_INTEGRATION_JS_CHECK', locations: [] },
          ],
        },
      ],
    });
    const unexpected = unexpectedFindings(parseSarif(sarif));
    expect(unexpected.map((f) => `${f.check} ${f.file}`)).toEqual([
      'SANDBOX_JS_CHECK electron/main/window/other-window.ts',
      'NODE_INTEGRATION_JS_CHECK N/A',
    ]);
  });
});
