-- The SQL each method of ApplicationRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- ApplicationRepository.byId(301, null)
-- mysql
SELECT *
  FROM `applications`
  WHERE `id` = ?;
-- sqlite
SELECT *
  FROM "applications"
  WHERE "id" = ?;

-- ApplicationRepository.byId(301, 7)
-- mysql
SELECT *
  FROM `applications`
  WHERE `id` = ? AND `partnerId` = ?;
-- sqlite
SELECT *
  FROM "applications"
  WHERE "id" = ? AND "partnerId" = ?;

-- ApplicationRepository.lock(301, null)
-- mysql
SELECT *
  FROM `applications`
  WHERE `id` = ? FOR UPDATE;
-- sqlite
SELECT *
  FROM "applications"
  WHERE "id" = ?;

-- ApplicationRepository.lock(301, 7)
-- mysql
SELECT *
  FROM `applications`
  WHERE `id` = ? AND `partnerId` = ? FOR UPDATE;
-- sqlite
SELECT *
  FROM "applications"
  WHERE "id" = ? AND "partnerId" = ?;

-- ApplicationRepository.lockMany([303, 301, 302])
-- mysql
SELECT *
  FROM `applications`
  WHERE `id` IN (?, ?, ?)
  ORDER BY `id` FOR UPDATE;
-- sqlite
SELECT *
  FROM "applications"
  WHERE "id" IN (?, ?, ?)
  ORDER BY "id";

-- ApplicationRepository.expiredApproved(2027-01-15T15:00:00.000Z, 50)
-- mysql
SELECT `id` AS id
  FROM `applications`
  WHERE `status` = ? AND `expiresAt` <= ?
  ORDER BY `expiresAt`, `id`
  LIMIT ?;
-- sqlite
SELECT "id" AS id
  FROM "applications"
  WHERE "status" = ? AND "expiresAt" <= ?
  ORDER BY "expiresAt", "id"
  LIMIT ?;

-- ApplicationRepository.insert(an application)
-- mysql
INSERT INTO `applications` (`partnerId`, `merchantId`, `amount`, `currency`, `status`, `declineReason`, `applicantFirstName`, `applicantLastName`, `applicantEmail`, `applicantPhone`, `applicantCreditScore`, `createdAt`, `expiresAt`, `version`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "applications" ("partnerId", "merchantId", "amount", "currency", "status", "declineReason", "applicantFirstName", "applicantLastName", "applicantEmail", "applicantPhone", "applicantCreditScore", "createdAt", "expiresAt", "version")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- ApplicationRepository.setStatus(301, 'ACCEPTED')
-- mysql
UPDATE `applications`
  SET `status` = ?, `version` = `version` + 1
  WHERE `id` = ?;
-- sqlite
UPDATE "applications"
  SET "status" = ?, "version" = "version" + 1
  WHERE "id" = ?;

-- ApplicationRepository.recordEvent(an event)
-- mysql
INSERT INTO `application_events` (`applicationId`, `type`, `fromStatus`, `toStatus`, `apiKeyId`, `requestId`, `createdAt`)
  VALUES (?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "application_events" ("applicationId", "type", "fromStatus", "toStatus", "apiKeyId", "requestId", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?);

-- ApplicationRepository.insertOffers(two offers)
-- mysql
INSERT INTO `offers` (`applicationId`, `programId`, `kind`, `termCount`, `aprBps`, `disclosedAprBps`, `merchantFeeBps`, `amountFinanced`, `installmentAmount`, `financeCharge`, `totalOfPayments`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "offers" ("applicationId", "programId", "kind", "termCount", "aprBps", "disclosedAprBps", "merchantFeeBps", "amountFinanced", "installmentAmount", "financeCharge", "totalOfPayments")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- ApplicationRepository.offer(902, 301)
-- mysql
SELECT *
  FROM `offers`
  WHERE `id` = ? AND `applicationId` = ?;
-- sqlite
SELECT *
  FROM "offers"
  WHERE "id" = ? AND "applicationId" = ?;

-- ApplicationRepository.offersOf(301)
-- mysql
SELECT *
  FROM `offers`
  WHERE `applicationId` = ?
  ORDER BY `id`;
-- sqlite
SELECT *
  FROM "offers"
  WHERE "applicationId" = ?
  ORDER BY "id";
