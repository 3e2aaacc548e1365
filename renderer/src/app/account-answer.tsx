import { useAccountStore } from '../features/account/stores/account-store';
import { AnswerStrip } from '../features/decisions/components/answer-strip';
import { t } from '../i18n/translate';
import { useDecisionsStore } from '../features/decisions/stores/decisions-store';
import { useOverridePanelStore } from '../features/overrides/stores/override-panel-store';
import { useDisplayLocale } from '../stores/session-store';
import { usePendingOverrideOutageIds } from './pending-overrides';

/**
 * The account view's answer slot: the answer strip from the decisions, whose "Request an
 * override" opens the override panel's form for that outage (composed here, so neither
 * feature imports the other). The decisions are loaded by the outage slot below.
 */
export function AccountAnswer({ canFileOverrides }: { canFileOverrides: boolean }) {
  const status = useDecisionsStore((s) => s.status);
  const data = useDecisionsStore((s) => s.data);
  const openForm = useOverridePanelStore((s) => s.openForm);
  const pending = usePendingOverrideOutageIds();
  const locale = useDisplayLocale();
  const account = useAccountStore((s) => (s.status === 'loaded' ? s.detail?.account : undefined));
  if (status !== 'loaded' || !data) return null;
  const customer = account ? { name: account.holderName, brandName: t(`brand.${account.brand}`), preferredLanguage: account.preferredLanguage } : undefined;

  function requestOverride(outageId: number) {
    openForm(outageId);
    // The form opens beside its outage in the panel below; bring it into view (it takes focus itself).
    requestAnimationFrame(() => document.querySelector(`[data-outage-id="${outageId}"]`)?.scrollIntoView?.({ block: 'center' }));
  }

  return (
    <AnswerStrip
      data={data}
      locale={locale}
      pendingOverrideOutageIds={pending}
      customer={customer}
      {...(canFileOverrides ? { onRequestOverride: requestOverride } : {})}
    />
  );
}
