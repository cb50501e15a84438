import { LABEL_LOCALES, type LabelLocale } from '../../common/locale';
import ar from './locales/ar.json';
import en from './locales/en.json';
import vi from './locales/vi.json';

/**
 * The words people read next to the codes the API answers: enum values, service categories and error
 * codes, in each of the platform's languages. Translators edit `locales/<language>.json`, one file
 * per language with the same keys as English (`test/labels.test.ts` fails on a missing one).
 */
export interface LabelCatalog {
  /** By enum name, then value: `enums.ReferralStatus.SENT`. */
  enums: Record<string, Record<string, string>>;
  /** By service category code. */
  serviceCategories: Record<string, string>;
  /** By error code (`extensions.code`). */
  errors: Record<string, string>;
  /** By refusal reason (`extensions.reason`), more precise than the code's. */
  errorReasons: Record<string, string>;
}

export const CATALOGS: Record<LabelLocale, LabelCatalog> = { en, vi, ar };

export type LabelSection = keyof LabelCatalog;

/** The label of an enum value in `locale`, English when that language lacks it, the code itself when English does. */
export function enumLabel(locale: LabelLocale, enumName: string, value: string): string {
  return CATALOGS[locale].enums[enumName]?.[value] ?? CATALOGS.en.enums[enumName]?.[value] ?? value;
}

/** A label of a flat section (service categories, errors, reasons), falling back to English; undefined when English has none. */
export function sectionLabel(locale: LabelLocale, section: Exclude<LabelSection, 'enums'>, key: string): string | undefined {
  return CATALOGS[locale][section][key] ?? CATALOGS.en[section][key];
}

export { LABEL_LOCALES };
