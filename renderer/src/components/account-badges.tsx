import type { AccountSummary } from '@shared/domain/account';
import { t } from '../i18n/translate';
import { Badge, type BadgeTone } from './badge';

const statusTone: Record<AccountSummary['status'], BadgeTone> = {
  active: 'success',
  suspended: 'warning',
  closed: 'danger',
};

export type AccountBadgeFacts = Pick<AccountSummary, 'brand' | 'segment' | 'paymentType' | 'status'>;

/** Brand, segment, payment type and status: the facts that decide most credit questions. */
export function AccountBadges({ account }: { account: AccountBadgeFacts }) {
  return (
    <span className="badge-row">
      <Badge tone={account.brand === 'cricket' ? 'info' : 'neutral'}>{t(`brand.${account.brand}`)}</Badge>
      <Badge tone={account.segment === 'business' ? 'info' : 'neutral'}>{t(`segment.${account.segment}`)}</Badge>
      <Badge tone={account.paymentType === 'prepaid' ? 'info' : 'neutral'}>
        {t(`paymentType.${account.paymentType}`)}
      </Badge>
      <AccountStatusBadge status={account.status} />
    </span>
  );
}

export function AccountStatusBadge({ status }: { status: AccountSummary['status'] }) {
  return <Badge tone={statusTone[status]}>{t(`accountStatus.${status}`)}</Badge>;
}
