// The methodology screen (being built).
import { useTranslation } from 'react-i18next';

export function MethodologyView() {
  const { t } = useTranslation();
  return <h2>{t('nav.methodology')}</h2>;
}
