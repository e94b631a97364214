-- The SQL each method of MerchantRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- MerchantRepository.byId(12, null)
-- mysql
SELECT *
  FROM `merchants`
  WHERE `id` = ?;
-- sqlite
SELECT *
  FROM "merchants"
  WHERE "id" = ?;

-- MerchantRepository.byId(12, 7)
-- mysql
SELECT *
  FROM `merchants`
  WHERE `id` = ? AND `partnerId` = ?;
-- sqlite
SELECT *
  FROM "merchants"
  WHERE "id" = ? AND "partnerId" = ?;

-- MerchantRepository.programsOf(12)
-- mysql
SELECT *
  FROM `financing_programs`
  WHERE `merchantId` = ?;
-- sqlite
SELECT *
  FROM "financing_programs"
  WHERE "merchantId" = ?;

-- MerchantRepository.program(40)
-- mysql
SELECT *
  FROM `financing_programs`
  WHERE `id` = ?;
-- sqlite
SELECT *
  FROM "financing_programs"
  WHERE "id" = ?;

-- MerchantRepository.insert(a merchant)
-- mysql
INSERT INTO `merchants` (`partnerId`, `name`, `currency`, `createdAt`)
  VALUES (?, ?, ?, ?);
-- sqlite
INSERT INTO "merchants" ("partnerId", "name", "currency", "createdAt")
  VALUES (?, ?, ?, ?);

-- MerchantRepository.insertProgram(a program)
-- mysql
INSERT INTO `financing_programs` (`merchantId`, `partnerId`, `kind`, `termCount`, `aprBps`, `merchantFeeBps`, `currency`, `minAmount`, `maxAmount`, `createdAt`, `retiredAt`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "financing_programs" ("merchantId", "partnerId", "kind", "termCount", "aprBps", "merchantFeeBps", "currency", "minAmount", "maxAmount", "createdAt", "retiredAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- MerchantRepository.retireProgram(40, 2027-01-15T15:00:00.000Z)
-- mysql
UPDATE `financing_programs`
  SET `retiredAt` = ?
  WHERE `id` = ?;
-- sqlite
UPDATE "financing_programs"
  SET "retiredAt" = ?
  WHERE "id" = ?;
