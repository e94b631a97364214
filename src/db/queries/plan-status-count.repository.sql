-- The SQL each method of PlanStatusCountRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- PlanStatusCountRepository.add(a capture)
-- mysql
INSERT INTO `plan_status_counts` (`merchantId`, `status`, `partnerId`, `plans`)
  VALUES (?, ?, ?, ?), (?, ?, ?, ?)
  ON DUPLICATE KEY UPDATE `plans` = `plans` +
  VALUES(`plans`);
-- sqlite
INSERT INTO "plan_status_counts" ("merchantId", "status", "partnerId", "plans")
  VALUES (?, ?, ?, ?), (?, ?, ?, ?)
  ON CONFLICT ("merchantId", "status") DO UPDATE
  SET "plans" = "plans" + excluded."plans";

-- PlanStatusCountRepository.exact()
-- mysql
SELECT 1 AS one
  FROM `plan_status_count_checks`
  WHERE `merchantId` = 0;
-- sqlite
SELECT 1 AS one
  FROM "plan_status_count_checks"
  WHERE "merchantId" = 0;

-- PlanStatusCountRepository.ofMerchants([12, 13], null)
-- mysql
SELECT `merchantId` AS merchantId, SUM(`plans`) AS n
  FROM `plan_status_counts`
  WHERE `merchantId` IN (?, ?)
  GROUP BY `merchantId`;
-- sqlite
SELECT "merchantId" AS merchantId, SUM("plans") AS n
  FROM "plan_status_counts"
  WHERE "merchantId" IN (?, ?)
  GROUP BY "merchantId";

-- PlanStatusCountRepository.ofMerchants([12, 13], 'ACTIVE')
-- mysql
SELECT `merchantId` AS merchantId, SUM(`plans`) AS n
  FROM `plan_status_counts`
  WHERE `merchantId` IN (?, ?) AND `status` = ?
  GROUP BY `merchantId`;
-- sqlite
SELECT "merchantId" AS merchantId, SUM("plans") AS n
  FROM "plan_status_counts"
  WHERE "merchantId" IN (?, ?) AND "status" = ?
  GROUP BY "merchantId";

-- PlanStatusCountRepository.total(7, null)
-- mysql
SELECT SUM(`plans`) AS n
  FROM `plan_status_counts`
  WHERE `partnerId` = ?;
-- sqlite
SELECT SUM("plans") AS n
  FROM "plan_status_counts"
  WHERE "partnerId" = ?;

-- PlanStatusCountRepository.total(7, 'ACTIVE')
-- mysql
SELECT SUM(`plans`) AS n
  FROM `plan_status_counts`
  WHERE `partnerId` = ? AND `status` = ?;
-- sqlite
SELECT SUM("plans") AS n
  FROM "plan_status_counts"
  WHERE "partnerId" = ? AND "status" = ?;

-- PlanStatusCountRepository.total(null, null)
-- mysql
SELECT SUM(`plans`) AS n
  FROM `plan_status_counts`;
-- sqlite
SELECT SUM("plans") AS n
  FROM "plan_status_counts";

-- PlanStatusCountRepository.total(null, 'ACTIVE')
-- mysql
SELECT SUM(`plans`) AS n
  FROM `plan_status_counts`
  WHERE `status` = ?;
-- sqlite
SELECT SUM("plans") AS n
  FROM "plan_status_counts"
  WHERE "status" = ?;

-- PlanStatusCountRepository.snapshot(12)
-- mysql
SELECT 'plans' AS source, `status` AS status, COUNT(*) AS n
  FROM `plans`
  WHERE `merchantId` = ?
  GROUP BY `status`
  UNION ALL SELECT 'counters' AS source, `status` AS status, `plans` AS n
  FROM `plan_status_counts`
  WHERE `merchantId` = ?;
-- sqlite
SELECT 'plans' AS source, "status" AS status, COUNT(*) AS n
  FROM "plans"
  WHERE "merchantId" = ?
  GROUP BY "status"
  UNION ALL SELECT 'counters' AS source, "status" AS status, "plans" AS n
  FROM "plan_status_counts"
  WHERE "merchantId" = ?;

-- PlanStatusCountRepository.partnerOf(12)
-- mysql
SELECT `partnerId` AS partnerId
  FROM `merchants`
  WHERE `id` = ?;
-- sqlite
SELECT "partnerId" AS partnerId
  FROM "merchants"
  WHERE "id" = ?;

-- PlanStatusCountRepository.createCheck(12)
-- mysql
INSERT IGNORE INTO `plan_status_count_checks` (`merchantId`, `checkedAt`)
  VALUES (?, ?);
-- sqlite
INSERT INTO "plan_status_count_checks" ("merchantId", "checkedAt")
  VALUES (?, ?)
  ON CONFLICT ("merchantId") DO NOTHING;

-- PlanStatusCountRepository.lockCheck(12)
-- mysql
SELECT `merchantId`
  FROM `plan_status_count_checks`
  WHERE `merchantId` = ? FOR UPDATE;
-- sqlite
SELECT "merchantId"
  FROM "plan_status_count_checks"
  WHERE "merchantId" = ?;

-- PlanStatusCountRepository.markChecked(12, 2027-01-15T15:00:00.000Z)
-- mysql
UPDATE `plan_status_count_checks`
  SET `checkedAt` = ?
  WHERE `merchantId` = ?;
-- sqlite
UPDATE "plan_status_count_checks"
  SET "checkedAt" = ?
  WHERE "merchantId" = ?;

-- PlanStatusCountRepository.nextToCheck(5)
-- mysql
SELECT m.`id` AS id
  FROM `merchants` m
  LEFT JOIN `plan_status_count_checks` k ON k.`merchantId` = m.`id`
  ORDER BY k.`checkedAt`, m.`id`
  LIMIT ?;
-- sqlite
SELECT m."id" AS id
  FROM "merchants" m
  LEFT JOIN "plan_status_count_checks" k ON k."merchantId" = m."id"
  ORDER BY k."checkedAt", m."id"
  LIMIT ?;

-- PlanStatusCountRepository.merchantsAfter(12, 100)
-- mysql
SELECT `id` AS id
  FROM `merchants`
  WHERE `id` > ?
  ORDER BY `id`
  LIMIT ?;
-- sqlite
SELECT "id" AS id
  FROM "merchants"
  WHERE "id" > ?
  ORDER BY "id"
  LIMIT ?;

-- PlanStatusCountRepository.backfilled()
-- mysql
SELECT 1 AS one
  FROM `plan_status_count_checks`
  WHERE `merchantId` = 0;
-- sqlite
SELECT 1 AS one
  FROM "plan_status_count_checks"
  WHERE "merchantId" = 0;

-- PlanStatusCountRepository.markBackfilled(2027-01-15T15:00:00.000Z)
-- mysql
INSERT IGNORE INTO `plan_status_count_checks` (`merchantId`, `checkedAt`)
  VALUES (?, ?);
UPDATE `plan_status_count_checks`
  SET `checkedAt` = ?
  WHERE `merchantId` = ?;
-- sqlite
INSERT INTO "plan_status_count_checks" ("merchantId", "checkedAt")
  VALUES (?, ?)
  ON CONFLICT ("merchantId") DO NOTHING;
UPDATE "plan_status_count_checks"
  SET "checkedAt" = ?
  WHERE "merchantId" = ?;

-- PlanStatusCountRepository.plansGrouped()
-- mysql
SELECT `merchantId` AS merchantId, `partnerId` AS partnerId, `status` AS status, COUNT(*) AS n
  FROM `plans`
  GROUP BY `merchantId`, `partnerId`, `status`;
-- sqlite
SELECT "merchantId" AS merchantId, "partnerId" AS partnerId, "status" AS status, COUNT(*) AS n
  FROM "plans"
  GROUP BY "merchantId", "partnerId", "status";

-- PlanStatusCountRepository.allCounters()
-- mysql
SELECT *
  FROM `plan_status_counts`;
-- sqlite
SELECT *
  FROM "plan_status_counts";
