// The customers screen (being built).
import { useTranslation } from 'react-i18next';

export function CustomersView() {
  const { t } = useTranslation();
  return <h2>{t('nav.customers')}</h2>;
}
