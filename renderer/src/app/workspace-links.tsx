import { useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../i18n/messages-en';
import { t } from '../i18n/translate';
import { useSessionStore } from '../stores/session-store';
import { workspacesFor, type Workspace } from './workspace-access';
import { useWorkspaceStore } from './workspace-store';
import { usePendingCountStore } from '../features/approvals/stores/pending-count-store';

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

export interface WorkspaceLinksProps {
  onLookup: () => void;
  /** Too narrow for one row (a small window, or zoomed in): the work lists fold into a menu. */
  compact?: boolean;
}

type ArrowStep = 1 | -1 | 'first' | 'last';

function arrowStep(key: string): ArrowStep | null {
  if (key === 'ArrowDown') return 1;
  if (key === 'ArrowUp') return -1;
  if (key === 'Home') return 'first';
  if (key === 'End') return 'last';
  return null;
}

function menuEntries(list: HTMLUListElement | null): HTMLButtonElement[] {
  return list ? [...list.querySelectorAll<HTMLButtonElement>('button.app-nav__link')] : [];
}

/** Arrows move through the open menu's entries and wrap round; Home and End go to the ends. */
function moveFocus(entries: HTMLButtonElement[], step: ArrowStep): void {
  if (entries.length === 0) return;
  const at = entries.indexOf(document.activeElement as HTMLButtonElement);
  const next =
    step === 'first' ? 0 : step === 'last' ? entries.length - 1 : at < 0 ? (step === 1 ? 0 : entries.length - 1) : (at + step + entries.length) % entries.length;
  entries[next]?.focus();
}

/** The work lists the signed-in role may open: one row, or a menu when the row does not fit. */
export function WorkspaceLinks({ onLookup, compact = false }: WorkspaceLinksProps) {
  const role = useSessionStore((s) => s.session?.role ?? null);
  const workspace = useWorkspaceStore((s) => s.workspace);
  const show = useWorkspaceStore((s) => s.show);
  const pending = usePendingCountStore((s) => s.count);
  const loadPending = usePendingCountStore((s) => s.load);
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // Opened from the keyboard with an arrow: the entry to focus once the list is shown.
  const focusOnOpen = useRef<'first' | 'last' | null>(null);
  const others = role ? workspacesFor(role).filter((w): w is Exclude<Workspace, 'lookup'> => w !== 'lookup') : [];
  const seesQueue = others.includes('approvals');
  useEffect(() => {
    if (seesQueue) void loadPending();
  }, [seesQueue, loadPending]);
  useEffect(() => {
    if (!compact) setOpen(false);
  }, [compact]);
  useEffect(() => {
    if (!open || !focusOnOpen.current) return;
    const entries = menuEntries(listRef.current);
    (focusOnOpen.current === 'first' ? entries[0] : entries[entries.length - 1])?.focus();
    focusOnOpen.current = null;
  }, [open]);
  if (others.length === 0) return null;

  const menuOpen = compact && open;
  const choose = (go: () => void) => {
    go();
    if (menuOpen) {
      setOpen(false);
      toggleRef.current?.focus();
    }
  };
  const current = workspace === 'lookup' ? t('nav.lookup') : t(labels[workspace]);
  const list = (
    <ul
      ref={listRef}
      id="app-nav-workspaces"
      className={`app-nav__workspaces${compact ? ' app-nav__workspaces--menu' : ''}${menuOpen ? ' app-nav__workspaces--open' : ''}`}
      hidden={compact && !open}
    >
      <li>
        <button
          type="button"
          className="app-nav__link"
          data-workspace="lookup"
          aria-current={workspace === 'lookup' ? 'page' : undefined}
          onClick={() => choose(onLookup)}
        >
          {t('nav.lookup')}
        </button>
      </li>
      {others.map((w) => (
        <li key={w}>
          <button
            type="button"
            className="app-nav__link"
            data-workspace={w}
            aria-current={workspace === w ? 'page' : undefined}
            onClick={() => choose(() => show(w))}
          >
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
  if (!compact) return list;
  return (
    <div
      className="app-nav__menu"
      onKeyDown={(event) => {
        const step = arrowStep(event.key);
        if (step !== null) {
          event.preventDefault();
          if (!open) {
            // Down (or Home) opens on the first entry, Up (or End) on the last.
            focusOnOpen.current = step === 'first' || step === 1 ? 'first' : 'last';
            setOpen(true);
            return;
          }
          moveFocus(menuEntries(listRef.current), step);
          return;
        }
        if (event.key === 'Escape' && open) {
          // The app's own Escape (back to the results) waits for the menu to close first.
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          toggleRef.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="app-nav__menu-toggle btn btn--ghost"
        aria-expanded={open}
        aria-controls="app-nav-workspaces"
        onClick={() => setOpen((was) => !was)}
      >
        {t('nav.menu')}: {current} <span aria-hidden="true">▾</span>
      </button>
      {list}
    </div>
  );
}
