import { InitialSchema1795682506836 } from './1795682506836-initial-schema';

/** Applied in this order; append, never edit a migration that has shipped. */
export const SQLITE_MIGRATIONS = [InitialSchema1795682506836];
