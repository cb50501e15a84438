/** The languages the platform's labels are written in (src/modules/labels/locales/), English first: the fallback. */
export const LABEL_LOCALES = ['en', 'vi', 'ar'] as const;
export type LabelLocale = (typeof LABEL_LOCALES)[number];

/**
 * The label language for a BCP 47 tag or an `Accept-Language` choice: its primary language when the
 * platform has labels in it ('vi-VN' → 'vi'), English otherwise.
 */
export function labelLocaleOf(tag: string | null | undefined): LabelLocale {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LABEL_LOCALES.find((locale) => locale === language) ?? 'en';
}
