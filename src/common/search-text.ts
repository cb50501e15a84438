/**
 * Folds text for search the way a reader expects: case-insensitive, and ignoring the accents that
 * people often leave out when typing. Vietnamese tone marks and "đ" (Hồ Chí Minh = ho chi minh),
 * Latin, Greek and Cyrillic diacritics, and Arabic short-vowel marks, tatweel and hamza/madda
 * seats on alef (مُحَمَّد = محمد, أحمد = احمد). Marks that carry meaning in other scripts (Devanagari
 * vowel signs, Thai tone marks...) are kept: dropping them would merge different words.
 *
 * Stored beside the searchable text and applied to the query, so the database compares folded
 * with folded under a trigram index.
 */
const FOLDABLE_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670\u0640]/g;
const LETTER_MAP: Record<string, string> = { đ: 'd', ð: 'd', ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ى: 'ي', ة: 'ه' };
const MAPPED_LETTERS = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');

export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(FOLDABLE_MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(MAPPED_LETTERS, (letter) => LETTER_MAP[letter])
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, '\\$&')}%`;
}
