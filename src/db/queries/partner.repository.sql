-- The SQL each method of PartnerRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- PartnerRepository.byId(7)
-- mysql
SELECT *
  FROM `partners`
  WHERE `id` = ?;
-- sqlite
SELECT *
  FROM "partners"
  WHERE "id" = ?;

-- PartnerRepository.byName('Acme Commerce')
-- mysql
SELECT *
  FROM `partners`
  WHERE `name` = ?;
-- sqlite
SELECT *
  FROM "partners"
  WHERE "name" = ?;

-- PartnerRepository.any()
-- mysql
SELECT 1 AS one
  FROM `partners`
  LIMIT 1;
-- sqlite
SELECT 1 AS one
  FROM "partners"
  LIMIT 1;

-- PartnerRepository.insert(a partner)
-- mysql
INSERT INTO `partners` (`name`, `createdAt`)
  VALUES (?, ?);
-- sqlite
INSERT INTO "partners" ("name", "createdAt")
  VALUES (?, ?);
