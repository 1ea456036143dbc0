// The segments screen (being built).
import { useTranslation } from 'react-i18next';

export function SegmentsView() {
  const { t } = useTranslation();
  return <h2>{t('nav.segments')}</h2>;
}
