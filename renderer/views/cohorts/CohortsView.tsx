// The cohorts screen (being built).
import { useTranslation } from 'react-i18next';

export function CohortsView() {
  const { t } = useTranslation();
  return <h2>{t('nav.cohorts')}</h2>;
}
