import { useLayoutEffect, useRef, useState } from 'react';
import { useAccountStore } from '../features/account/stores/account-store';
import { t } from '../i18n/translate';
import { useSessionStore } from '../stores/session-store';
import { WorkspaceLinks } from './workspace-links';
import { useWorkspaceStore } from './workspace-store';

export interface AppNavProps {
  onSearch: () => void;
}

/**
 * How much the nav shows in the width it has: everything, then without the shortcut hint, then
 * the work lists folded into a menu. Measured, not guessed from a breakpoint: the labels differ
 * per role and language, and an operator zoomed to 200% has half the CSS pixels.
 */
type NavLevel = 0 | 1 | 2;

function useNavLevel(nav: React.RefObject<HTMLElement | null>, contentKey: string): NavLevel {
  const [level, setLevel] = useState<NavLevel>(0);
  // The width each fuller level needed when it stopped fitting, for the labels of `measuredKey`.
  const needed = useRef<number[]>([]);
  const measuredKey = useRef(contentKey);

  useLayoutEffect(() => {
    const el = nav.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    // New labels (another role, language or account): measure again from the full nav.
    if (measuredKey.current !== contentKey) {
      measuredKey.current = contentKey;
      needed.current = [];
      if (level !== 0) {
        setLevel(0);
        return;
      }
    }
    const fit = () => {
      if (level < 2 && el.scrollWidth > el.clientWidth) {
        needed.current[level] = el.scrollWidth;
        setLevel((level + 1) as NavLevel);
      } else if (level > 0 && el.clientWidth >= (needed.current[level - 1] ?? Infinity)) {
        setLevel((level - 1) as NavLevel);
      }
    };
    fit();
    // The nav's own box, and its parts: a label or a badge that arrives later changes only them.
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    for (const part of el.children) observer.observe(part);
    return () => observer.disconnect();
  }, [nav, level, contentKey]);
  return level;
}

/** Where the operator is (search or an account), the way back, and the work lists. */
export function AppNav({ onSearch }: AppNavProps) {
  const accountNumber = useAccountStore((s) => s.accountNumber);
  const inLookup = useWorkspaceStore((s) => s.workspace === 'lookup');
  const role = useSessionStore((s) => s.session?.role ?? null);
  const locale = useSessionStore((s) => s.session?.locale ?? null);
  const navRef = useRef<HTMLElement>(null);
  const level = useNavLevel(navRef, `${role}|${locale}|${inLookup && accountNumber ? accountNumber : ''}`);
  return (
    <nav ref={navRef} className="app-nav" aria-label={t('nav.label')} data-level={level}>
      <ol className="app-nav__trail">
        <li>
          <button
            type="button"
            className="app-nav__link"
            aria-current={accountNumber || !inLookup ? undefined : 'page'}
            aria-keyshortcuts="/ Control+K"
            onClick={onSearch}
          >
            {t('nav.search')}
          </button>
        </li>
        {accountNumber && inLookup ? (
          <li aria-current="page" className="app-nav__current">
            {t('nav.account', { accountNumber })}
          </li>
        ) : null}
      </ol>
      <WorkspaceLinks onLookup={onSearch} compact={level === 2} />
      {level === 0 ? <span className="app-nav__hint">{t('nav.shortcutHint')}</span> : null}
    </nav>
  );
}
