import type { Ref } from 'react';
import type { Account } from '@shared/domain/account';
import { AccountBadges } from '../../../components/account-badges';
import { t } from '../../../i18n/translate';
import { formatMoney } from '../../../lib/format';
import { formatPhoneNumber } from '../../../lib/phone';
import { useDisplayLocale } from '../../../stores/session-store';
import '../../../components/page-title.css';

export interface AccountHeaderProps {
  account: Account;
  titleRef: Ref<HTMLHeadingElement>;
}

export function AccountHeader({ account, titleRef }: AccountHeaderProps) {
  const locale = useDisplayLocale();
  const notOnFile = t('account.notProvided');
  return (
    <header className="account-header">
      <div className="account-header__title-row">
        <h1 id="account-title" ref={titleRef} tabIndex={-1} className="page-title account-header__title">
          {account.holderName}
        </h1>
        <span className="account-header__number">{t('account.numberLabel', { accountNumber: account.accountNumber })}</span>
        <AccountBadges account={account} />
      </div>
      <dl className="facts" aria-label={t('account.detailsLabel')}>
        <div className="facts__item">
          <dt>{t('account.monthlyCharge')}</dt>
          <dd className="facts__money">{formatMoney(account.monthlyChargeMinor, account.currency, locale)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('account.billCycleDay')}</dt>
          <dd>{t('account.billCycleDayValue', { day: account.billCycleDay })}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('account.email')}</dt>
          <dd className="facts__wrap">{account.email || notOnFile}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('account.contactPhone')}</dt>
          <dd>{account.contactPhoneE164 ? formatPhoneNumber(account.contactPhoneE164) : notOnFile}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('account.serviceAddress')}</dt>
          <dd>{t('account.serviceAddressValue', { region: account.region, postalCode: account.postalCode })}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('account.preferredLanguage')}</dt>
          <dd>{t(`language.${account.preferredLanguage}`)}</dd>
        </div>
      </dl>
    </header>
  );
}
