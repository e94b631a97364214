-- The SQL each method of ApplicantRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- ApplicantRepository.lock('pat@example.com', 2027-01-15T15:00:00.000Z)
-- mysql
INSERT INTO `applicant_credit_locks` (`email`, `createdAt`)
  VALUES (?, ?)
  ON DUPLICATE KEY UPDATE `email` = `email`;
-- sqlite
-- (no statement)

-- ApplicantRepository.applicationsIn('pat@example.com', 'APPROVED')
-- mysql
SELECT *
  FROM `applications`
  WHERE `applicantEmail` = ? AND `status` = ?;
-- sqlite
SELECT *
  FROM "applications"
  WHERE "applicantEmail" = ? AND "status" = ?;

-- ApplicantRepository.plansIn('pat@example.com', ['AUTHORIZED', 'ACTIVE', 'DELINQUENT'])
-- mysql
SELECT p.*
  FROM `plans` p
  INNER JOIN `applications` a ON a.`id` = p.`applicationId`
  WHERE a.`applicantEmail` = ? AND p.`status` IN (?, ?, ?);
-- sqlite
SELECT p.*
  FROM "plans" p
  INNER JOIN "applications" a ON a."id" = p."applicationId"
  WHERE a."applicantEmail" = ? AND p."status" IN (?, ?, ?);
