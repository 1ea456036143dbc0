// The customer detail screen: find a customer in the searchable list, then
// see their MRR history, movements and attributes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerHistory } from './CustomerHistory.js';
import { CustomerSearch } from './CustomerSearch.js';
import './customer.css';

export function CustomerDetailView() {
  const { t } = useTranslation('customer');
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="customer-view">
      <h2>{t('title')}</h2>
      <CustomerSearch onSelect={setSelected} />
      <div className="panel">
        {selected ? <CustomerHistory key={selected} customerId={selected} /> : <p className="muted">{t('pick')}</p>}
      </div>
    </div>
  );
}
