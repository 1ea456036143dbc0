// The customer screen (being built).
import { useTranslation } from 'react-i18next';

export function CustomerDetailView() {
  const { t } = useTranslation();
  return <h2>{t('nav.customer')}</h2>;
}
