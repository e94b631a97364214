-- The SQL each method of PlanRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- PlanRepository.lock(55, null)
-- mysql
SELECT *
  FROM `plans`
  WHERE `id` = ? FOR UPDATE;
-- sqlite
SELECT *
  FROM "plans"
  WHERE "id" = ?;

-- PlanRepository.lock(55, 7)
-- mysql
SELECT *
  FROM `plans`
  WHERE `id` = ? AND `partnerId` = ? FOR UPDATE;
-- sqlite
SELECT *
  FROM "plans"
  WHERE "id" = ? AND "partnerId" = ?;

-- PlanRepository.lockMany([57, 55, 56])
-- mysql
SELECT *
  FROM `plans`
  WHERE `id` IN (?, ?, ?)
  ORDER BY `id` FOR UPDATE;
-- sqlite
SELECT *
  FROM "plans"
  WHERE "id" IN (?, ?, ?)
  ORDER BY "id";

-- PlanRepository.dueForStatusCheck('2027-01-15', null, 50)
-- mysql
SELECT `id` AS id, `nextStatusCheckOn` AS nextStatusCheckOn
  FROM `plans`
  WHERE `nextStatusCheckOn` <= ?
  ORDER BY `nextStatusCheckOn`, `id`
  LIMIT ?;
-- sqlite
SELECT "id" AS id, "nextStatusCheckOn" AS nextStatusCheckOn
  FROM "plans"
  WHERE "nextStatusCheckOn" <= ?
  ORDER BY "nextStatusCheckOn", "id"
  LIMIT ?;

-- PlanRepository.dueForStatusCheck('2027-01-15', { id: 55, nextStatusCheckOn: '2027-01-14' }, 50)
-- mysql
SELECT `id` AS id, `nextStatusCheckOn` AS nextStatusCheckOn
  FROM `plans`
  WHERE `nextStatusCheckOn` <= ? AND (`nextStatusCheckOn` > ? OR (`nextStatusCheckOn` = ? AND `id` > ?))
  ORDER BY `nextStatusCheckOn`, `id`
  LIMIT ?;
-- sqlite
SELECT "id" AS id, "nextStatusCheckOn" AS nextStatusCheckOn
  FROM "plans"
  WHERE "nextStatusCheckOn" <= ? AND ("nextStatusCheckOn" > ? OR ("nextStatusCheckOn" = ? AND "id" > ?))
  ORDER BY "nextStatusCheckOn", "id"
  LIMIT ?;

-- PlanRepository.insert(a plan)
-- mysql
INSERT INTO `plans` (`partnerId`, `merchantId`, `applicationId`, `offerId`, `kind`, `termCount`, `aprBps`, `disclosedAprBps`, `merchantFeeBps`, `currency`, `authorizedAmount`, `principal`, `refundedAmount`, `merchantFee`, `status`, `capturedOn`, `authorizationExpiresAt`, `chargedOffAt`, `nextStatusCheckOn`, `createdAt`, `updatedAt`, `version`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "plans" ("partnerId", "merchantId", "applicationId", "offerId", "kind", "termCount", "aprBps", "disclosedAprBps", "merchantFeeBps", "currency", "authorizedAmount", "principal", "refundedAmount", "merchantFee", "status", "capturedOn", "authorizationExpiresAt", "chargedOffAt", "nextStatusCheckOn", "createdAt", "updatedAt", "version")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- PlanRepository.save(a status change)
-- mysql
UPDATE `plans`
  SET `status` = ?, `nextStatusCheckOn` = ?, `updatedAt` = ?, `version` = `version` + 1
  WHERE `id` = ?;
-- sqlite
UPDATE "plans"
  SET "status" = ?, "nextStatusCheckOn" = ?, "updatedAt" = ?, "version" = "version" + 1
  WHERE "id" = ?;

-- PlanRepository.saveMany(the sweep moving two plans)
-- mysql
UPDATE `plans`
  SET `status` = ?, `nextStatusCheckOn` = ?, `updatedAt` = ?, `version` = `version` + 1
  WHERE `id` IN (?, ?);
-- sqlite
UPDATE "plans"
  SET "status" = ?, "nextStatusCheckOn" = ?, "updatedAt" = ?, "version" = "version" + 1
  WHERE "id" IN (?, ?);

-- PlanRepository.recordEvents(an event)
-- mysql
INSERT INTO `plan_events` (`planId`, `type`, `fromStatus`, `toStatus`, `amount`, `apiKeyId`, `requestId`, `createdAt`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "plan_events" ("planId", "type", "fromStatus", "toStatus", "amount", "apiKeyId", "requestId", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?);
