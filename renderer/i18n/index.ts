// Translations: English and Simplified Chinese, switchable at any time. Each
// screen has its own namespace file per language (renderer/i18n/<lang>/<ns>.ts);
// a test checks that both languages have the same keys.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from './en/common.js';
import enReport from './en/report.js';
import enScenarios from './en/scenarios.js';
import zhScenarios from './zh-CN/scenarios.js';
import zhReport from './zh-CN/report.js';
import enMetrics from './en/metrics.js';
import zhCommon from './zh-CN/common.js';
import zhMetrics from './zh-CN/metrics.js';
import enOverview from './en/overview.js';
import zhOverview from './zh-CN/overview.js';
import enRevenue from './en/revenue.js';
import zhRevenue from './zh-CN/revenue.js';
import enCustomers from './en/customers.js';
import zhCustomers from './zh-CN/customers.js';
import enCohorts from './en/cohorts.js';
import zhCohorts from './zh-CN/cohorts.js';
import enSegments from './en/segments.js';
import zhSegments from './zh-CN/segments.js';
import enMethodology from './en/methodology.js';
import zhMethodology from './zh-CN/methodology.js';
import enCustomer from './en/customer.js';
import zhCustomer from './zh-CN/customer.js';
import enData from './en/data.js';
import zhData from './zh-CN/data.js';
import enImport from './en/import.js';
import zhImport from './zh-CN/import.js';
import enSurvival from './en/survival.js';
import zhSurvival from './zh-CN/survival.js';
import enConsole from './en/console.js';
import enReconcile from './en/reconcile.js';
import zhReconcile from './zh-CN/reconcile.js';
import zhConsole from './zh-CN/console.js';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  en: { common: enCommon, scenarios: enScenarios, report: enReport, metrics: enMetrics, overview: enOverview, revenue: enRevenue, customers: enCustomers, cohorts: enCohorts, segments: enSegments, methodology: enMethodology, customer: enCustomer, data: enData, import: enImport, survival: enSurvival, console: enConsole, reconcile: enReconcile },
  'zh-CN': { common: zhCommon, scenarios: zhScenarios, report: zhReport, metrics: zhMetrics, overview: zhOverview, revenue: zhRevenue, customers: zhCustomers, cohorts: zhCohorts, segments: zhSegments, methodology: zhMethodology, customer: zhCustomer, data: zhData, import: zhImport, survival: zhSurvival, console: zhConsole, reconcile: zhReconcile },
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
