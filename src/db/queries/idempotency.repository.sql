-- The SQL each method of IdempotencyRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- IdempotencyRepository.insert(a record)
-- mysql
INSERT INTO `idempotency_records` (`apiKeyId`, `idempotencyKey`, `operation`, `requestHash`, `response`, `createdAt`, `expiresAt`)
  VALUES (?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "idempotency_records" ("apiKeyId", "idempotencyKey", "operation", "requestHash", "response", "createdAt", "expiresAt")
  VALUES (?, ?, ?, ?, ?, ?, ?);

-- IdempotencyRepository.setResponse(700, '{"planId":55}')
-- mysql
UPDATE `idempotency_records`
  SET `response` = ?
  WHERE `id` = ?;
-- sqlite
UPDATE "idempotency_records"
  SET "response" = ?
  WHERE "id" = ?;

-- IdempotencyRepository.find(3, 'K-1')
-- mysql
SELECT *
  FROM `idempotency_records`
  WHERE `apiKeyId` = ? AND `idempotencyKey` = ?;
-- sqlite
SELECT *
  FROM "idempotency_records"
  WHERE "apiKeyId" = ? AND "idempotencyKey" = ?;

-- IdempotencyRepository.deleteIfExpired(700, 2027-01-15T15:00:00.000Z)
-- mysql
DELETE
  FROM `idempotency_records`
  WHERE `id` = ? AND `expiresAt` <= ?;
-- sqlite
DELETE
  FROM "idempotency_records"
  WHERE "id" = ? AND "expiresAt" <= ?;

-- IdempotencyRepository.expired(2027-01-15T15:00:00.000Z, 500)
-- mysql
SELECT `id` AS id
  FROM `idempotency_records`
  WHERE `expiresAt` <= ?
  ORDER BY `expiresAt`, `id`
  LIMIT ?;
-- sqlite
SELECT "id" AS id
  FROM "idempotency_records"
  WHERE "expiresAt" <= ?
  ORDER BY "expiresAt", "id"
  LIMIT ?;

-- IdempotencyRepository.deleteExpiredAmong([700, 701], 2027-01-15T15:00:00.000Z)
-- mysql
DELETE
  FROM `idempotency_records`
  WHERE `id` IN (?, ?) AND `expiresAt` <= ?;
-- sqlite
DELETE
  FROM "idempotency_records"
  WHERE "id" IN (?, ?) AND "expiresAt" <= ?;
