// The overview screen (being built).
import { useTranslation } from 'react-i18next';

export function OverviewView() {
  const { t } = useTranslation();
  return <h2>{t('nav.overview')}</h2>;
}
