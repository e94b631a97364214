-- The SQL each method of WorkerLeaseRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- WorkerLeaseRepository.create('maintenance')
-- mysql
INSERT IGNORE INTO `worker_leases` (`name`, `holder`, `expiresAt`)
  VALUES (?, ?, ?);
-- sqlite
INSERT INTO "worker_leases" ("name", "holder", "expiresAt")
  VALUES (?, ?, ?)
  ON CONFLICT ("name") DO NOTHING;

-- WorkerLeaseRepository.take('maintenance', 'worker-1', 1800000030000, 1800000000000)
-- mysql
UPDATE `worker_leases`
  SET `holder` = ?, `expiresAt` = ?
  WHERE `name` = ? AND (`holder` = ? OR `expiresAt` < ?);
-- sqlite
UPDATE "worker_leases"
  SET "holder" = ?, "expiresAt" = ?
  WHERE "name" = ? AND ("holder" = ? OR "expiresAt" < ?);

-- WorkerLeaseRepository.release('maintenance', 'worker-1')
-- mysql
UPDATE `worker_leases`
  SET `expiresAt` = 0
  WHERE `name` = ? AND `holder` = ?;
-- sqlite
UPDATE "worker_leases"
  SET "expiresAt" = 0
  WHERE "name" = ? AND "holder" = ?;

-- WorkerLeaseRepository.holder('maintenance')
-- mysql
SELECT `holder` AS holder, `expiresAt` AS expiresAt
  FROM `worker_leases`
  WHERE `name` = ?;
-- sqlite
SELECT "holder" AS holder, "expiresAt" AS expiresAt
  FROM "worker_leases"
  WHERE "name" = ?;
