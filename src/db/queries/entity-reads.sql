-- The SQL each method of EntityReads sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- EntityReads.byIds(Merchant, [12, 13], null)
-- mysql
SELECT e.*
  FROM `merchants` e
  WHERE e.`id` IN (?, ?);
-- sqlite
SELECT e.*
  FROM "merchants" e
  WHERE e."id" IN (?, ?);

-- EntityReads.byIds(Plan, [55], 7)
-- mysql
SELECT e.*
  FROM `plans` e
  WHERE e.`id` IN (?) AND e.`partnerId` = ?;
-- sqlite
SELECT e.*
  FROM "plans" e
  WHERE e."id" IN (?) AND e."partnerId" = ?;

-- EntityReads.byIds(Installment, [501, 502], 7)
-- mysql
SELECT e.*
  FROM `installments` e
  WHERE e.`id` IN (?, ?) AND EXISTS (SELECT 1 FROM `plans` p WHERE p.`id` = e.`planId` AND p.`partnerId` = ?);
-- sqlite
SELECT e.*
  FROM "installments" e
  WHERE e."id" IN (?, ?) AND EXISTS (SELECT 1 FROM "plans" p WHERE p."id" = e."planId" AND p."partnerId" = ?);

-- EntityReads.byIds(Offer, [902], 7)
-- mysql
SELECT e.*
  FROM `offers` e
  WHERE e.`id` IN (?) AND EXISTS (SELECT 1 FROM `applications` p WHERE p.`id` = e.`applicationId` AND p.`partnerId` = ?);
-- sqlite
SELECT e.*
  FROM "offers" e
  WHERE e."id" IN (?) AND EXISTS (SELECT 1 FROM "applications" p WHERE p."id" = e."applicationId" AND p."partnerId" = ?);

-- EntityReads.children(Installment, 'planId', [55, 56], 'sequence')
-- mysql
SELECT e.*
  FROM `installments` e
  WHERE e.`planId` IN (?, ?)
  ORDER BY e.`planId`, e.`sequence`;
-- sqlite
SELECT e.*
  FROM "installments" e
  WHERE e."planId" IN (?, ?)
  ORDER BY e."planId", e."sequence";

-- EntityReads.page(Plan, 7, { first: 20 })
-- mysql
SELECT e.*
  FROM `plans` e FORCE INDEX (`IDX_3548f0a9b920c9616d362bb66c`)
  WHERE e.`partnerId` = ?
  ORDER BY e.`id` ASC
  LIMIT ?;
-- sqlite
SELECT e.*
  FROM "plans" e
  WHERE e."partnerId" = ?
  ORDER BY e."id" ASC
  LIMIT ?;

-- EntityReads.page(Plan, 7, { first: 20, afterId: 55 }, { status: 'ACTIVE' })
-- mysql
SELECT e.*
  FROM `plans` e FORCE INDEX (`IDX_dfc4a6c94de9b1cb504d267ec7`)
  WHERE e.`id` > ? AND e.`status` = ? AND e.`partnerId` = ?
  ORDER BY e.`id` ASC
  LIMIT ?;
-- sqlite
SELECT e.*
  FROM "plans" e
  WHERE e."id" > ? AND e."status" = ? AND e."partnerId" = ?
  ORDER BY e."id" ASC
  LIMIT ?;

-- EntityReads.page(Plan, null, { last: 20, beforeId: 90 })
-- mysql
SELECT e.*
  FROM `plans` e
  WHERE e.`id` < ?
  ORDER BY e.`id` DESC
  LIMIT ?;
-- sqlite
SELECT e.*
  FROM "plans" e
  WHERE e."id" < ?
  ORDER BY e."id" DESC
  LIMIT ?;

-- EntityReads.count(Plan, 7, { status: 'ACTIVE' }, 10000)
-- mysql
SELECT COUNT(*) AS n
  FROM (SELECT 1 AS one FROM `plans` e FORCE INDEX (`IDX_dfc4a6c94de9b1cb504d267ec7`) WHERE e.`status` = ? AND e.`partnerId` = ? LIMIT ?) t;
-- sqlite
SELECT COUNT(*) AS n
  FROM (SELECT 1 AS one FROM "plans" e WHERE e."status" = ? AND e."partnerId" = ? LIMIT ?) t;

-- EntityReads.pagesByParent(Plan, 'merchantId', [12], { first: 100 }, {  })
-- mysql
SELECT e.*
  FROM `plans` e FORCE INDEX (`IDX_bae68ab280ee693a8e2097cd0d`)
  WHERE e.`merchantId` = ?
  ORDER BY e.`id` ASC
  LIMIT ?;
-- sqlite
SELECT e.*
  FROM "plans" e
  WHERE e."merchantId" = ?
  ORDER BY e."id" ASC
  LIMIT ?;

-- EntityReads.pagesByParent(Repayment, 'planId', [55, 56, 57], { first: 10 }, {  })
-- mysql
SELECT e.*
  FROM `repayments` e
  INNER JOIN (SELECT i.`id`, ROW_NUMBER() OVER (PARTITION BY i.`planId` ORDER BY i.`id` ASC) AS rn FROM `repayments` i WHERE i.`planId` IN (?, ?, ?)) w ON w.`id` = e.`id`
  WHERE w.rn <= ?
  ORDER BY e.`planId` ASC, e.`id` ASC;
-- sqlite
SELECT e.*
  FROM "repayments" e
  INNER JOIN (SELECT i."id", ROW_NUMBER() OVER (PARTITION BY i."planId" ORDER BY i."id" ASC) AS rn FROM "repayments" i WHERE i."planId" IN (?, ?, ?)) w ON w."id" = e."id"
  WHERE w.rn <= ?
  ORDER BY e."planId" ASC, e."id" ASC;

-- EntityReads.countsByParent(Repayment, 'planId', [55, 56], {  }, 10000)
-- mysql
SELECT ? AS parent, COUNT(*) AS n
  FROM (SELECT 1 AS one FROM `repayments` e WHERE e.`planId` = ? LIMIT ?) p0
  UNION ALL SELECT ? AS parent, COUNT(*) AS n
  FROM (SELECT 1 AS one FROM `repayments` e WHERE e.`planId` = ? LIMIT ?) p1;
-- sqlite
SELECT ? AS parent, COUNT(*) AS n
  FROM (SELECT 1 AS one FROM "repayments" e WHERE e."planId" = ? LIMIT ?) p0
  UNION ALL SELECT ? AS parent, COUNT(*) AS n
  FROM (SELECT 1 AS one FROM "repayments" e WHERE e."planId" = ? LIMIT ?) p1;
