import type { Database } from '../db/data-source';

/**
 * Whether the database answers a ping within `timeoutMs`: a frozen or saturated database makes the
 * probe answer "not ready" in time instead of hanging with it (Kubernetes would otherwise count a
 * hung probe as its own timeout and learn nothing). A probe still waiting is left to finish.
 */
export async function databaseAnswers(db: Database, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = db.repositories.health.answers().catch(() => false);
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}
