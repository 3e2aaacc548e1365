import { t } from '../../../i18n/translate';
import { ChangePasswordForm } from './change-password-form';
import '../../../components/page-title.css';
import './sign-in-screen.css';

/** After signing in with a temporary password: main serves nothing else until a new one is chosen. */
export function ChoosePasswordScreen() {
  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <h1 id="choose-password-title" className="page-title sign-in__title">
          {t('password.chooseTitle')}
        </h1>
        <p className="sign-in__intro">{t('password.chooseIntro')}</p>
        {/* The session store moves on with main's answer: the app then opens its screens. */}
        <ChangePasswordForm titleId="choose-password-title" temporary onDone={() => undefined} />
      </div>
    </main>
  );
}
