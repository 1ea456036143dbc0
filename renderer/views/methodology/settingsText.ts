// Methodology settings in words, in the chosen language: what a preset sets
// where it differs from the settings in use (the engine's `differs_in`).
import { PRESET_SETTINGS, PRESETS, type Methodology, type PresetName } from '../../../shared/metrics.js';
import { formatNumber, formatPercent } from '../../components/format.js';

type T = (key: string, values?: Record<string, string>) => string;

export const isPreset = (value: string): value is PresetName => (PRESETS as readonly string[]).includes(value);

const isSetting = (key: string): key is keyof Methodology => key in PRESET_SETTINGS.chartmogul;

/** One setting's value in words (`t` in the `methodology` namespace). */
export function settingValue(key: keyof Methodology, value: Methodology[keyof Methodology], t: T): string {
  switch (key) {
    case 'inactivityDays':
      return t('settings.inactivityDays.value', { days: formatNumber(Number(value)) });
    case 'grossMargin':
      return formatPercent(Number(value), 0);
    case 'quickRatioReactivation':
      return t(`settings.quickRatioReactivation.${value ? 'yes' : 'no'}`);
    default:
      return t(`settings.${key}.${String(value)}`);
  }
}

/** "Churn denominator: customers at start + new (in use: customers at start); …", or that nothing differs. */
export function differsText(preset: string, differs: string[], current: Methodology, t: T): string {
  if (!isPreset(preset)) return differs.join(', ');
  if (differs.length === 0) return t('sameAsInUse');
  return differs
    .map((key) =>
      isSetting(key)
        ? t('differsEntry', {
            setting: t(`settings.${key}.name`),
            value: settingValue(key, PRESET_SETTINGS[preset][key], t),
            current: settingValue(key, current[key], t),
          })
        : key,
    )
    .join(t('listSeparator'));
}

/** The settings in use, each in words. */
export function settingsInUse(current: Methodology, t: T): { name: string; value: string }[] {
  return (Object.keys(current) as (keyof Methodology)[]).filter(isSetting).map((key) => ({
    name: t(`settings.${key}.name`),
    value: settingValue(key, current[key], t),
  }));
}
