import { Foundation1795400000000 } from './1795400000000-foundation';

/** Every migration in order. Listed explicitly so the compiled server and the tests load the same set. */
export const MIGRATIONS = [Foundation1795400000000];
