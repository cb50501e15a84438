import { IsUUID } from 'class-validator';
import { badInput } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

/** Ids are UUIDs; anything else is bad input, reported before it reaches the database. */
export function assertUuid(value: string, argumentPath: readonly (string | number)[]): void {
  if (!isUuid(value)) throw badInput(`${argumentPath.join('.')} must be an id (UUID) as the API returned it`, argumentPath);
}

/** Text that must hold more than spaces. */
export const NOT_BLANK = /\S/;

/** An id argument or input field: a UUID, with the message every id gives. */
export const IsId = () => IsUUID('all', { message: '$property must be an id (UUID) as the API returned it' });
