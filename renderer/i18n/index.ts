// Translations: English and Simplified Chinese, switchable at any time. Each
// screen has its own namespace file per language (renderer/i18n/<lang>/<ns>.ts);
// a test checks that both languages have the same keys.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from './en/common.js';
import enMetrics from './en/metrics.js';
import zhCommon from './zh-CN/common.js';
import zhMetrics from './zh-CN/metrics.js';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  en: { common: enCommon, metrics: enMetrics },
  'zh-CN': { common: zhCommon, metrics: zhMetrics },
} as const;

const STORAGE_KEY = 'churn-workbench:language';

export function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export async function initI18n(language: Language = initialLanguage()) {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  return i18next;
}

export async function setLanguage(language: Language) {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}
