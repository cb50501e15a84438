import type { ValueTransformer } from 'typeorm';

/** pg returns `numeric` columns as strings (to keep their precision); the API's figures are numbers. */
export const numericAsNumber: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
