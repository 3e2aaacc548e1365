import type { MessageKey } from '../i18n/messages-en';
import { t } from '../i18n/translate';
import { useSessionStore } from '../stores/session-store';
import { workspacesFor, type Workspace } from './workspace-access';
import { useWorkspaceStore } from './workspace-store';
import { usePendingCountStore } from '../features/approvals/stores/pending-count-store';
import { useEffect } from 'react';

const labels: Record<Exclude<Workspace, 'lookup'>, MessageKey> = {
  dashboard: 'nav.dashboard',
  myOverrides: 'nav.myOverrides',
  approvals: 'nav.approvals',
  faultReports: 'nav.faultReports',
  audit: 'nav.audit',
  import: 'nav.import',
  export: 'nav.export',
  policyRun: 'nav.policyRun',
  overrideLimits: 'nav.overrideLimits',
  operators: 'nav.operators',
  hub: 'nav.hub',
};

/** The override work lists the signed-in role may open. */
export function WorkspaceLinks({ onLookup }: { onLookup: () => void }) {
  const role = useSessionStore((s) => s.session?.role ?? null);
  const workspace = useWorkspaceStore((s) => s.workspace);
  const show = useWorkspaceStore((s) => s.show);
  if (!role) return null;
  const others = workspacesFor(role).filter((w): w is Exclude<Workspace, 'lookup'> => w !== 'lookup');
  const pending = usePendingCountStore((s) => s.count);
  const loadPending = usePendingCountStore((s) => s.load);
  const seesQueue = others.includes('approvals');
  useEffect(() => {
    if (seesQueue) void loadPending();
  }, [seesQueue, loadPending]);
  if (others.length === 0) return null;
  return (
    <ul className="app-nav__workspaces">
      <li>
        <button type="button" className="app-nav__link" aria-current={workspace === 'lookup' ? 'page' : undefined} onClick={onLookup}>
          {t('nav.lookup')}
        </button>
      </li>
      {others.map((w) => (
        <li key={w}>
          <button type="button" className="app-nav__link" aria-current={workspace === w ? 'page' : undefined} onClick={() => show(w)}>
            {t(labels[w])}
            {w === 'approvals' && pending !== null && pending > 0 ? (
              <span className="app-nav__badge" data-testid="pending-badge">
                {' '}
                {t('approvals.pendingBadge', { count: pending })}
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
