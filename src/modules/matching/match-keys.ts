import { createHmac } from 'node:crypto';
import { foldForSearch } from '../../common/search-text';

/**
 * Match keys: what two organizations compare to learn that they may hold a record of the same
 * person without either seeing the other's record. Pure, so that what counts as "the same name" is
 * tested on its own (match-keys.test.ts).
 */

/** How closely two records agree: both kinds compare the folded name and the sex. */
export enum MatchKeyKind {
  /** Name, full birth date and sex. */
  EXACT_DATE = 'EXACT_DATE',
  /** Name, birth year and sex: for a person whose day or month of birth was recorded differently. */
  BIRTH_YEAR = 'BIRTH_YEAR',
}

/** Bumped when normalisation changes: keys of another version never equal these, and are computed again. */
export const MATCH_KEY_VERSION = 'v1';

// Arabic letters the search folding keeps but names are written both ways with: alef wasla, and
// alef with hamza below/above or madda already lose their marks there (NFD).
const ARABIC_LETTERS: Record<string, string> = { 'ٱ': 'ا', 'ؤ': 'و', 'ئ': 'ي' };
const ARABIC_MAPPED = new RegExp(`[${Object.keys(ARABIC_LETTERS).join('')}]`, 'g');
/** The Arabic definite article, written joined to the word it precedes (الزهراء = the Zahra). */
const ARABIC_ARTICLE = /^ال(?=[\u0621-\u064a]{2,})/;

/**
 * The tokens of a name as matching compares them: compatibility forms unified (NFKC), then folded
 * as search folds (case; Vietnamese tone marks and đ; Latin diacritics; Arabic short vowels,
 * tatweel, hamza seats, ة→ه, ى→ي), punctuation dropped, the Arabic article dropped from each word,
 * and the words sorted so that family-name-first and given-name-first orders agree.
 *
 * Every diacritic folds, tone marks included: "Lân" and "Lan" are one token. Names reach agencies
 * by phone, on paper and typed without accents, and a match is only ever a proposal that a
 * caseworker on each side confirms; the birth date and sex narrow it.
 */
export function nameTokens(fullName: string): string[] {
  return foldForSearch(fullName.normalize('NFKC'))
    .replace(ARABIC_MAPPED, (letter) => ARABIC_LETTERS[letter])
    .split(/[^\p{L}\p{N}]+/u)
    .map((token) => token.replace(ARABIC_ARTICLE, ''))
    .filter(Boolean)
    .sort();
}

export interface MatchablePerson {
  fullName: string;
  /** YYYY-MM-DD; without one, a record has no keys and never matches. */
  birthDate: string | null;
  sex: string;
}

export interface MatchKey {
  kind: MatchKeyKind;
  /** HMAC-SHA256 under the platform's secret, hex: the only form a key is ever stored or compared in. */
  hash: string;
}

/** The texts that are hashed. Exported for the tests only: they are never stored. */
export function matchKeyTexts(person: MatchablePerson): { kind: MatchKeyKind; text: string }[] {
  const tokens = nameTokens(person.fullName);
  if (!tokens.length || !person.birthDate) return [];
  const name = tokens.join(' ');
  return [
    { kind: MatchKeyKind.EXACT_DATE, text: [MATCH_KEY_VERSION, MatchKeyKind.EXACT_DATE, name, person.birthDate, person.sex].join('|') },
    { kind: MatchKeyKind.BIRTH_YEAR, text: [MATCH_KEY_VERSION, MatchKeyKind.BIRTH_YEAR, name, person.birthDate.slice(0, 4), person.sex].join('|') },
  ];
}

/** A person's match keys, keyed with the platform's secret (MATCH_KEY_SECRET) so that nobody without it can test a name against them. */
export function matchKeys(secret: string, person: MatchablePerson): MatchKey[] {
  return matchKeyTexts(person).map(({ kind, text }) => ({ kind, hash: createHmac('sha256', secret).update(text, 'utf8').digest('hex') }));
}
