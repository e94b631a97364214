import { InitialSchema1795681643085 } from './1795681643085-initial-schema';

/** Applied in this order; append, never edit a migration that has shipped. */
export const MYSQL_MIGRATIONS = [InitialSchema1795681643085];
