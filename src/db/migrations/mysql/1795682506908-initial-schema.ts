import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795682506908 implements MigrationInterface {
  name = 'InitialSchema1795682506908';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`partners\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(200) NOT NULL, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_b8d14f1ff3b804b1c020dd99ca\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`api_keys\` (\`id\` int NOT NULL AUTO_INCREMENT, \`partnerId\` int NULL, \`role\` varchar(16) NOT NULL, \`name\` varchar(200) NOT NULL, \`displayPrefix\` varchar(32) NOT NULL, \`keyHash\` varchar(64) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`lastUsedAt\` datetime(3) NULL, \`revokedAt\` datetime(3) NULL, INDEX \`IDX_32c10bfd6ccb7c05355c57d0f3\` (\`partnerId\`), UNIQUE INDEX \`IDX_df3b25181df0b4b59bd93f16e1\` (\`keyHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`merchants\` (\`id\` int NOT NULL AUTO_INCREMENT, \`partnerId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`currency\` varchar(3) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`IDX_e8eb712bea2199ac774933000a\` (\`partnerId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`applications\` (\`id\` int NOT NULL AUTO_INCREMENT, \`partnerId\` int NOT NULL, \`merchantId\` int NOT NULL, \`amount\` bigint NOT NULL DEFAULT '0', \`currency\` varchar(3) NOT NULL, \`status\` varchar(16) NOT NULL, \`declineReason\` varchar(48) NULL, \`applicantFirstName\` varchar(100) NOT NULL, \`applicantLastName\` varchar(100) NOT NULL, \`applicantEmail\` varchar(254) NOT NULL, \`applicantPhone\` varchar(32) NULL, \`applicantCreditScore\` int NULL, \`createdAt\` datetime(3) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`version\` int NOT NULL, INDEX \`IDX_bd05f26203415269ea200b0f2f\` (\`partnerId\`, \`applicantEmail\`), INDEX \`IDX_be5f95364e77f8546a132727b6\` (\`merchantId\`, \`status\`, \`id\`), INDEX \`IDX_c2366de3f831e4d76127d0903e\` (\`merchantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`financing_programs\` (\`id\` int NOT NULL AUTO_INCREMENT, \`merchantId\` int NOT NULL, \`partnerId\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`termCount\` int NOT NULL, \`aprBps\` int NOT NULL, \`merchantFeeBps\` int NOT NULL, \`currency\` varchar(3) NOT NULL, \`minAmount\` bigint NOT NULL DEFAULT '0', \`maxAmount\` bigint NOT NULL DEFAULT '0', \`createdAt\` datetime(3) NOT NULL, \`retiredAt\` datetime(3) NULL, INDEX \`IDX_1e54f7d445fd1502f2a33b7ca9\` (\`partnerId\`), INDEX \`IDX_dcdfc103e99cf2031f3cc0a9d4\` (\`merchantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`idempotency_records\` (\`id\` int NOT NULL AUTO_INCREMENT, \`apiKeyId\` int NOT NULL, \`idempotencyKey\` varchar(255) NOT NULL, \`operation\` varchar(64) NOT NULL, \`requestHash\` varchar(64) NOT NULL, \`response\` text NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, INDEX \`IDX_d1620fa1b50c32957d9017ed9b\` (\`expiresAt\`), UNIQUE INDEX \`IDX_8252e4cfe72b013bae4294e6e3\` (\`apiKeyId\`, \`idempotencyKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`plans\` (\`id\` int NOT NULL AUTO_INCREMENT, \`partnerId\` int NOT NULL, \`merchantId\` int NOT NULL, \`applicationId\` int NOT NULL, \`offerId\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`termCount\` int NOT NULL, \`aprBps\` int NOT NULL, \`disclosedAprBps\` int NOT NULL, \`merchantFeeBps\` int NOT NULL, \`currency\` varchar(3) NOT NULL, \`authorizedAmount\` bigint NOT NULL DEFAULT '0', \`principal\` bigint NOT NULL DEFAULT '0', \`refundedAmount\` bigint NOT NULL DEFAULT '0', \`merchantFee\` bigint NOT NULL DEFAULT '0', \`status\` varchar(16) NOT NULL, \`capturedOn\` date NULL, \`authorizationExpiresAt\` datetime(3) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, \`version\` int NOT NULL, UNIQUE INDEX \`IDX_43075b6cde5bc8ceaceb8f4159\` (\`applicationId\`), INDEX \`IDX_3548f0a9b920c9616d362bb66c\` (\`partnerId\`, \`id\`), INDEX \`IDX_3192e7725cf91a5cced66f7b5e\` (\`merchantId\`, \`status\`, \`id\`), INDEX \`IDX_bae68ab280ee693a8e2097cd0d\` (\`merchantId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`installments\` (\`id\` int NOT NULL AUTO_INCREMENT, \`planId\` int NOT NULL, \`sequence\` int NOT NULL, \`dueDate\` date NOT NULL, \`amountDue\` bigint NOT NULL DEFAULT '0', \`principal\` bigint NOT NULL DEFAULT '0', \`interest\` bigint NOT NULL DEFAULT '0', \`amountPaid\` bigint NOT NULL DEFAULT '0', \`principalPaid\` bigint NOT NULL DEFAULT '0', \`interestPaid\` bigint NOT NULL DEFAULT '0', \`status\` varchar(16) NOT NULL, UNIQUE INDEX \`IDX_52ed86b1651727d5372dd6807a\` (\`planId\`, \`sequence\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`offers\` (\`id\` int NOT NULL AUTO_INCREMENT, \`applicationId\` int NOT NULL, \`programId\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`termCount\` int NOT NULL, \`aprBps\` int NOT NULL, \`disclosedAprBps\` int NOT NULL, \`merchantFeeBps\` int NOT NULL, \`amountFinanced\` bigint NOT NULL DEFAULT '0', \`installmentAmount\` bigint NOT NULL DEFAULT '0', \`financeCharge\` bigint NOT NULL DEFAULT '0', \`totalOfPayments\` bigint NOT NULL DEFAULT '0', INDEX \`IDX_e1f3aa59128a2db1cfc51db3dc\` (\`programId\`), INDEX \`IDX_2a9a41f02172aa210328b7bebc\` (\`applicationId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`plan_events\` (\`id\` int NOT NULL AUTO_INCREMENT, \`planId\` int NOT NULL, \`type\` varchar(32) NOT NULL, \`fromStatus\` varchar(16) NULL, \`toStatus\` varchar(16) NULL, \`amount\` bigint NULL, \`apiKeyId\` int NULL, \`requestId\` varchar(64) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`IDX_cd2b993a9e3f6cc7998a94192b\` (\`planId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`refunds\` (\`id\` int NOT NULL AUTO_INCREMENT, \`planId\` int NOT NULL, \`amount\` bigint NOT NULL DEFAULT '0', \`currency\` varchar(3) NOT NULL, \`creditReturned\` bigint NOT NULL DEFAULT '0', \`merchantFeeReversed\` bigint NOT NULL DEFAULT '0', \`reason\` varchar(500) NULL, \`effectiveDate\` date NOT NULL, \`ledgerSequence\` int NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`IDX_8d91af37bb42dd61083b645ab3\` (\`planId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`repayments\` (\`id\` int NOT NULL AUTO_INCREMENT, \`planId\` int NOT NULL, \`amount\` bigint NOT NULL DEFAULT '0', \`currency\` varchar(3) NOT NULL, \`status\` varchar(16) NOT NULL, \`effectiveDate\` date NOT NULL, \`ledgerSequence\` int NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`reversedAt\` datetime(3) NULL, \`reversalReason\` varchar(500) NULL, INDEX \`IDX_ad58ac53095622780e649d76f0\` (\`planId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`repayment_allocations\` (\`id\` int NOT NULL AUTO_INCREMENT, \`planId\` int NOT NULL, \`repaymentId\` int NOT NULL, \`installmentId\` int NOT NULL, \`sequence\` int NOT NULL, \`principal\` bigint NOT NULL DEFAULT '0', \`interest\` bigint NOT NULL DEFAULT '0', INDEX \`IDX_9c872b99142d72c1cc3d13b755\` (\`planId\`), INDEX \`IDX_0de95abb26db431ec004773074\` (\`installmentId\`), INDEX \`IDX_3c49acbfb10ec25c26497497cf\` (\`repaymentId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`api_keys\` ADD CONSTRAINT \`FK_32c10bfd6ccb7c05355c57d0f3d\` FOREIGN KEY (\`partnerId\`) REFERENCES \`partners\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`merchants\` ADD CONSTRAINT \`FK_1997b62b0581e981e4d3cc4efb2\` FOREIGN KEY (\`partnerId\`) REFERENCES \`partners\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`applications\` ADD CONSTRAINT \`FK_ab9d28ec2a15941f82244455ad5\` FOREIGN KEY (\`merchantId\`) REFERENCES \`merchants\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`financing_programs\` ADD CONSTRAINT \`FK_2f88075575c0b02f679360276e4\` FOREIGN KEY (\`merchantId\`) REFERENCES \`merchants\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`plans\` ADD CONSTRAINT \`FK_63b9312418e2b1b0f530943831d\` FOREIGN KEY (\`merchantId\`) REFERENCES \`merchants\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`plans\` ADD CONSTRAINT \`FK_43075b6cde5bc8ceaceb8f41592\` FOREIGN KEY (\`applicationId\`) REFERENCES \`applications\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`installments\` ADD CONSTRAINT \`FK_5ad02b29b068e7bdcad460e9742\` FOREIGN KEY (\`planId\`) REFERENCES \`plans\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`offers\` ADD CONSTRAINT \`FK_6d911e68442dac48e56f96a93a3\` FOREIGN KEY (\`applicationId\`) REFERENCES \`applications\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`plan_events\` ADD CONSTRAINT \`FK_95db0dc8987091756530888954e\` FOREIGN KEY (\`planId\`) REFERENCES \`plans\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`refunds\` ADD CONSTRAINT \`FK_127c16cfa1fa8e6c84fcc524f85\` FOREIGN KEY (\`planId\`) REFERENCES \`plans\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`repayments\` ADD CONSTRAINT \`FK_a2c289cca8dddd7e48170fee038\` FOREIGN KEY (\`planId\`) REFERENCES \`plans\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`repayment_allocations\` ADD CONSTRAINT \`FK_68604fa325f9c3c5c03e5463240\` FOREIGN KEY (\`repaymentId\`) REFERENCES \`repayments\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE \`repayment_allocations\` ADD CONSTRAINT \`FK_0de95abb26db431ec0047730745\` FOREIGN KEY (\`installmentId\`) REFERENCES \`installments\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`repayment_allocations\` DROP FOREIGN KEY \`FK_0de95abb26db431ec0047730745\``);
    await q.query(`ALTER TABLE \`repayment_allocations\` DROP FOREIGN KEY \`FK_68604fa325f9c3c5c03e5463240\``);
    await q.query(`ALTER TABLE \`repayments\` DROP FOREIGN KEY \`FK_a2c289cca8dddd7e48170fee038\``);
    await q.query(`ALTER TABLE \`refunds\` DROP FOREIGN KEY \`FK_127c16cfa1fa8e6c84fcc524f85\``);
    await q.query(`ALTER TABLE \`plan_events\` DROP FOREIGN KEY \`FK_95db0dc8987091756530888954e\``);
    await q.query(`ALTER TABLE \`offers\` DROP FOREIGN KEY \`FK_6d911e68442dac48e56f96a93a3\``);
    await q.query(`ALTER TABLE \`installments\` DROP FOREIGN KEY \`FK_5ad02b29b068e7bdcad460e9742\``);
    await q.query(`ALTER TABLE \`plans\` DROP FOREIGN KEY \`FK_43075b6cde5bc8ceaceb8f41592\``);
    await q.query(`ALTER TABLE \`plans\` DROP FOREIGN KEY \`FK_63b9312418e2b1b0f530943831d\``);
    await q.query(`ALTER TABLE \`financing_programs\` DROP FOREIGN KEY \`FK_2f88075575c0b02f679360276e4\``);
    await q.query(`ALTER TABLE \`applications\` DROP FOREIGN KEY \`FK_ab9d28ec2a15941f82244455ad5\``);
    await q.query(`ALTER TABLE \`merchants\` DROP FOREIGN KEY \`FK_1997b62b0581e981e4d3cc4efb2\``);
    await q.query(`ALTER TABLE \`api_keys\` DROP FOREIGN KEY \`FK_32c10bfd6ccb7c05355c57d0f3d\``);
    await q.query(`DROP INDEX \`IDX_3c49acbfb10ec25c26497497cf\` ON \`repayment_allocations\``);
    await q.query(`DROP INDEX \`IDX_0de95abb26db431ec004773074\` ON \`repayment_allocations\``);
    await q.query(`DROP INDEX \`IDX_9c872b99142d72c1cc3d13b755\` ON \`repayment_allocations\``);
    await q.query(`DROP TABLE \`repayment_allocations\``);
    await q.query(`DROP INDEX \`IDX_ad58ac53095622780e649d76f0\` ON \`repayments\``);
    await q.query(`DROP TABLE \`repayments\``);
    await q.query(`DROP INDEX \`IDX_8d91af37bb42dd61083b645ab3\` ON \`refunds\``);
    await q.query(`DROP TABLE \`refunds\``);
    await q.query(`DROP INDEX \`IDX_cd2b993a9e3f6cc7998a94192b\` ON \`plan_events\``);
    await q.query(`DROP TABLE \`plan_events\``);
    await q.query(`DROP INDEX \`IDX_2a9a41f02172aa210328b7bebc\` ON \`offers\``);
    await q.query(`DROP INDEX \`IDX_e1f3aa59128a2db1cfc51db3dc\` ON \`offers\``);
    await q.query(`DROP TABLE \`offers\``);
    await q.query(`DROP INDEX \`IDX_52ed86b1651727d5372dd6807a\` ON \`installments\``);
    await q.query(`DROP TABLE \`installments\``);
    await q.query(`DROP INDEX \`IDX_bae68ab280ee693a8e2097cd0d\` ON \`plans\``);
    await q.query(`DROP INDEX \`IDX_3192e7725cf91a5cced66f7b5e\` ON \`plans\``);
    await q.query(`DROP INDEX \`IDX_3548f0a9b920c9616d362bb66c\` ON \`plans\``);
    await q.query(`DROP INDEX \`IDX_43075b6cde5bc8ceaceb8f4159\` ON \`plans\``);
    await q.query(`DROP TABLE \`plans\``);
    await q.query(`DROP INDEX \`IDX_8252e4cfe72b013bae4294e6e3\` ON \`idempotency_records\``);
    await q.query(`DROP INDEX \`IDX_d1620fa1b50c32957d9017ed9b\` ON \`idempotency_records\``);
    await q.query(`DROP TABLE \`idempotency_records\``);
    await q.query(`DROP INDEX \`IDX_dcdfc103e99cf2031f3cc0a9d4\` ON \`financing_programs\``);
    await q.query(`DROP INDEX \`IDX_1e54f7d445fd1502f2a33b7ca9\` ON \`financing_programs\``);
    await q.query(`DROP TABLE \`financing_programs\``);
    await q.query(`DROP INDEX \`IDX_c2366de3f831e4d76127d0903e\` ON \`applications\``);
    await q.query(`DROP INDEX \`IDX_be5f95364e77f8546a132727b6\` ON \`applications\``);
    await q.query(`DROP INDEX \`IDX_bd05f26203415269ea200b0f2f\` ON \`applications\``);
    await q.query(`DROP TABLE \`applications\``);
    await q.query(`DROP INDEX \`IDX_e8eb712bea2199ac774933000a\` ON \`merchants\``);
    await q.query(`DROP TABLE \`merchants\``);
    await q.query(`DROP INDEX \`IDX_df3b25181df0b4b59bd93f16e1\` ON \`api_keys\``);
    await q.query(`DROP INDEX \`IDX_32c10bfd6ccb7c05355c57d0f3\` ON \`api_keys\``);
    await q.query(`DROP TABLE \`api_keys\``);
    await q.query(`DROP INDEX \`IDX_b8d14f1ff3b804b1c020dd99ca\` ON \`partners\``);
    await q.query(`DROP TABLE \`partners\``);
  }
}
