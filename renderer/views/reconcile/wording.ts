// The reconciliation's sentences and the settings' labels in the language
// shown: shared/reconcileWords.ts's one implementation over i18next's
// `reconcile:words` templates, numbers formatted for the language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconcileRule } from '../../../shared/reconcile.js';
import { ruleLabel, type Wording } from '../../../shared/reconcileWords.js';

export function useWording(): Wording & { label: (rule: ReconcileRule | undefined, fallback?: string) => string } {
  const { t, i18n } = useTranslation('reconcile', { keyPrefix: 'words' });
  return useMemo(() => {
    const wording: Wording = { t: (key, values) => String(t(key as never, values as never)), locale: i18n.language === 'zh-CN' ? 'zh-CN' : 'en-US' };
    return { ...wording, label: (rule, fallback = '') => (rule ? ruleLabel(rule, wording) : fallback) };
  }, [t, i18n.language]);
}
