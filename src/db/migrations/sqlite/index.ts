import { InitialSchema1795681643007 } from './1795681643007-initial-schema';

/** Applied in this order; append, never edit a migration that has shipped. */
export const SQLITE_MIGRATIONS = [InitialSchema1795681643007];
