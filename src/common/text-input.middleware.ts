import type { MiddlewareFn } from 'type-graphql';
import { badInput } from './errors';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path to the first string in `value` that PostgreSQL or a validator cannot take, if any. */
function unsafeText(value: unknown, path: (string | number)[]): { path: (string | number)[]; reason: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path, reason: 'must not contain NUL characters (U+0000)' };
    if (LONE_SURROGATE.test(value)) return { path, reason: 'must be valid Unicode (it holds a lone surrogate)' };
    return null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unsafeText(item, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unsafeText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses text that no column can store (NUL) or that is not Unicode (lone surrogates) as bad
 * input, before validators or the database meet it and fail in ways that look like bugs.
 */
export const rejectUnstorableText: MiddlewareFn = async ({ args }, next) => {
  const found = unsafeText(args, []);
  if (found) throw badInput(`${found.path.join('.')} ${found.reason}`, found.path);
  return next();
};
