import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '@shared/ipc/result';
import type { Role } from '@shared/domain/operator';
import { sessionFixture } from '../test/fixtures';
import { renderSignedIn } from '../test/render-app';

/** Each workspace a role opens: the nav button, and the heading the screen shows. */
const screensOf: Record<Role, Array<[string, string]>> = {
  agent: [['My override requests', 'My override requests']],
  supervisor: [
    ['My override requests', 'My override requests'],
    ['Approval queue', 'Approval queue'],
    ['Audit log', 'Audit log'],
  ],
  admin: [
    ['Audit log', 'Audit log'],
    ['Import feeds', 'Import feeds'],
    ['Billing export', 'Billing export'],
    ['Policy run', 'Run a credit policy'],
    ['Override limits', 'Override limits'],
    ['Hub', 'Hub'],
  ],
};

describe('every workspace screen', () => {
  it.each(Object.entries(screensOf))('has one page heading, in the one page-title style, for a %s', async (role, names) => {
    const { user } = await renderSignedIn({ authSession: async () => ok(sessionFixture({ role: role as Role })) });
    for (const [button, title] of names) {
      await user.click(screen.getByRole('button', { name: button }));
      const headings = await screen.findAllByRole('heading', { level: 1 });
      expect(headings).toHaveLength(1);
      expect(headings[0]).toHaveClass('page-title');
      expect(headings[0]).toHaveTextContent(title);
    }
  });
});
