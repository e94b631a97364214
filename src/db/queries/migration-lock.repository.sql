-- The SQL each method of MigrationLockRepository sends, by dialect. Written by test/db/repository-sql.test.ts from the
-- examples in test/db/repository-sql-examples.ts: UPDATE_SQL=1 npx jest test/db/repository-sql.test.ts

-- MigrationLockRepository.create()
-- mysql
CREATE TABLE IF NOT EXISTS `tenor_migration_lock` (`id` int NOT NULL PRIMARY KEY) ENGINE=InnoDB;
INSERT IGNORE INTO `tenor_migration_lock` (`id`)
  VALUES (?);

-- MigrationLockRepository.hold(600)
-- mysql
SET SESSION innodb_lock_wait_timeout = ?;
START TRANSACTION;
SELECT `id`
  FROM `tenor_migration_lock`
  WHERE `id` = ? FOR UPDATE;

-- MigrationLockRepository.release()
-- mysql
ROLLBACK;
