-- The SQL each method of PlanBooksRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- PlanBooksRepository.installmentsOf(55)
-- mysql
SELECT *
  FROM `installments`
  WHERE `planId` = ?
  ORDER BY `sequence`;
-- sqlite
SELECT *
  FROM "installments"
  WHERE "planId" = ?
  ORDER BY "sequence";

-- PlanBooksRepository.installmentsOfPlans([55, 56])
-- mysql
SELECT *
  FROM `installments`
  WHERE `planId` IN (?, ?)
  ORDER BY `planId`, `sequence`;
-- sqlite
SELECT *
  FROM "installments"
  WHERE "planId" IN (?, ?)
  ORDER BY "planId", "sequence";

-- PlanBooksRepository.repaymentsOf(55)
-- mysql
SELECT *
  FROM `repayments`
  WHERE `planId` = ?
  ORDER BY `id`;
-- sqlite
SELECT *
  FROM "repayments"
  WHERE "planId" = ?
  ORDER BY "id";

-- PlanBooksRepository.refundsOf(55)
-- mysql
SELECT *
  FROM `refunds`
  WHERE `planId` = ?
  ORDER BY `id`;
-- sqlite
SELECT *
  FROM "refunds"
  WHERE "planId" = ?
  ORDER BY "id";

-- PlanBooksRepository.insertInstallments(a pay-in-4 schedule)
-- mysql
INSERT INTO `installments` (`planId`, `sequence`, `dueDate`, `amountDue`, `principal`, `interest`, `amountPaid`, `principalPaid`, `interestPaid`, `status`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "installments" ("planId", "sequence", "dueDate", "amountDue", "principal", "interest", "amountPaid", "principalPaid", "interestPaid", "status")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- PlanBooksRepository.updateInstallment(a payment applied)
-- mysql
UPDATE `installments`
  SET `amountPaid` = ?, `principalPaid` = ?, `interestPaid` = ?, `status` = ?
  WHERE `id` = ?;
-- sqlite
UPDATE "installments"
  SET "amountPaid" = ?, "principalPaid" = ?, "interestPaid" = ?, "status" = ?
  WHERE "id" = ?;

-- PlanBooksRepository.insertRepayment(a repayment)
-- mysql
INSERT INTO `repayments` (`planId`, `amount`, `currency`, `status`, `effectiveDate`, `ledgerSequence`, `createdAt`, `reversedAt`, `reversalReason`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "repayments" ("planId", "amount", "currency", "status", "effectiveDate", "ledgerSequence", "createdAt", "reversedAt", "reversalReason")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);

-- PlanBooksRepository.updateRepayment(a reversal)
-- mysql
UPDATE `repayments`
  SET `status` = ?, `reversedAt` = ?, `reversalReason` = ?
  WHERE `id` = ?;
-- sqlite
UPDATE "repayments"
  SET "status" = ?, "reversedAt" = ?, "reversalReason" = ?
  WHERE "id" = ?;

-- PlanBooksRepository.insertRefund(a refund)
-- mysql
INSERT INTO `refunds` (`planId`, `amount`, `currency`, `creditReturned`, `merchantFeeReversed`, `reason`, `effectiveDate`, `ledgerSequence`, `createdAt`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "refunds" ("planId", "amount", "currency", "creditReturned", "merchantFeeReversed", "reason", "effectiveDate", "ledgerSequence", "createdAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);

-- PlanBooksRepository.updateRefund(a refund replayed)
-- mysql
UPDATE `refunds`
  SET `creditReturned` = ?
  WHERE `id` = ?;
-- sqlite
UPDATE "refunds"
  SET "creditReturned" = ?
  WHERE "id" = ?;

-- PlanBooksRepository.allocationsOf(55)
-- mysql
SELECT *
  FROM `repayment_allocations`
  WHERE `planId` = ?;
-- sqlite
SELECT *
  FROM "repayment_allocations"
  WHERE "planId" = ?;

-- PlanBooksRepository.insertAllocations(one allocation)
-- mysql
INSERT INTO `repayment_allocations` (`planId`, `repaymentId`, `installmentId`, `sequence`, `principal`, `interest`)
  VALUES (?, ?, ?, ?, ?, ?);
-- sqlite
INSERT INTO "repayment_allocations" ("planId", "repaymentId", "installmentId", "sequence", "principal", "interest")
  VALUES (?, ?, ?, ?, ?, ?);

-- PlanBooksRepository.deleteAllocationsOf(55)
-- mysql
DELETE
  FROM `repayment_allocations`
  WHERE `planId` = ?;
-- sqlite
DELETE
  FROM "repayment_allocations"
  WHERE "planId" = ?;
