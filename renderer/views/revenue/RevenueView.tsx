// The revenue screen (being built).
import { useTranslation } from 'react-i18next';

export function RevenueView() {
  const { t } = useTranslation();
  return <h2>{t('nav.revenue')}</h2>;
}
