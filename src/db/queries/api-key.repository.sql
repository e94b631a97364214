-- The SQL each method of ApiKeyRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- ApiKeyRepository.active('a3f1c9e2…sha-256 of the key')
-- mysql
SELECT *
  FROM `api_keys`
  WHERE `keyHash` = ? AND `revokedAt` IS NULL;
-- sqlite
SELECT *
  FROM "api_keys"
  WHERE "keyHash" = ? AND "revokedAt" IS NULL;

-- ApiKeyRepository.activeAmong(['a3f1c9e2…sha-256 of the key', 'b7d0…another key'])
-- mysql
SELECT *
  FROM `api_keys`
  WHERE `keyHash` IN (?, ?) AND `revokedAt` IS NULL;
-- sqlite
SELECT *
  FROM "api_keys"
  WHERE "keyHash" IN (?, ?) AND "revokedAt" IS NULL;

-- ApiKeyRepository.byId(3)
-- mysql
SELECT *
  FROM `api_keys`
  WHERE `id` = ?;
-- sqlite
SELECT *
  FROM "api_keys"
  WHERE "id" = ?;

-- ApiKeyRepository.insert(a key)
-- mysql
INSERT INTO `api_keys` (`partnerId`, `role`, `name`, `displayPrefix`, `keyHash`, `createdAt`, `lastUsedAt`, `revokedAt`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "api_keys" ("partnerId", "role", "name", "displayPrefix", "keyHash", "createdAt", "lastUsedAt", "revokedAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- ApiKeyRepository.recordUse(3, 2027-01-15T15:00:00.000Z)
-- mysql
UPDATE `api_keys`
  SET `lastUsedAt` = ?
  WHERE `id` = ?;
-- sqlite
UPDATE "api_keys"
  SET "lastUsedAt" = ?
  WHERE "id" = ?;

-- ApiKeyRepository.revoke(3, 2027-01-15T15:00:00.000Z)
-- mysql
UPDATE `api_keys`
  SET `revokedAt` = ?
  WHERE `id` = ?;
-- sqlite
UPDATE "api_keys"
  SET "revokedAt" = ?
  WHERE "id" = ?;
