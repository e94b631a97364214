import { InitialSchema1795682506908 } from './1795682506908-initial-schema';

/** Applied in this order; append, never edit a migration that has shipped. */
export const MYSQL_MIGRATIONS = [InitialSchema1795682506908];
