-- The SQL each method of DatabaseHealthRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- DatabaseHealthRepository.answers()
-- mysql
SELECT 1 AS ok;
-- sqlite
SELECT 1 AS ok;
