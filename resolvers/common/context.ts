import type { Viewer } from '../../src/auth/viewer';
import type { IsoDate } from '../../src/engine';
import type { Loaders } from '../../src/loaders/loaders';
import type { Caller } from '../../src/services/lifecycle/commands';
import type { Services } from '../../src/services/services';

/** Everything a resolver may use, built fresh for each request. */
export interface Context {
  viewer: Viewer;
  loaders: Loaders;
  services: Services;
  requestId: string;
  /** The server clock for this request (TENOR_NOW fixes it outside production). */
  now: Date;
  /** The business date of `now` in the lender's time zone (TENOR_TIME_ZONE). */
  today: IsoDate;
  /** How long the request may still wait (absent outside HTTP, e.g. the executor-parity test). */
  deadline?: Caller['deadline'];
}
