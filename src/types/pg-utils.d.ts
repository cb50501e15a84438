/**
 * node-postgres's conversion of a query parameter to the text it sends (dates, arrays, JSON...),
 * exported by the package (`pg/lib/*`) but not typed by @types/pg.
 */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
