import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { types } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { dataSourceOptions } from './data-source.options';
import { DatabaseTarget } from './database.target';
import { runMigrations } from './migrator';
import { Transactions } from './transactions';

// SQL `date` values are calendar dates: keep them as 'YYYY-MM-DD', not as a Date at some local midnight.
types.setTypeParser(1082, (v: string) => v);

/** Holds the one DatabaseTarget, shared by the TypeORM factory and the migration step. */
@Module({ providers: [DatabaseTarget], exports: [DatabaseTarget] })
export class DatabaseTargetModule {}

@Global()
@Module({
  imports: [
    DatabaseTargetModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseTargetModule],
      inject: [APP_CONFIG, DatabaseTarget],
      useFactory: async (config: AppConfig, target: DatabaseTarget) => ({
        ...dataSourceOptions(config, await target.resolve()),
        autoLoadEntities: true,
      }),
    }),
  ],
  providers: [
    { provide: Transactions, inject: [DataSource], useFactory: (ds: DataSource) => new Transactions(ds) },
  ],
  exports: [Transactions],
})
export class DatabaseModule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly target: DatabaseTarget,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.MIGRATIONS_RUN) return;
    const { embedded } = await this.target.resolve();
    await runMigrations(this.dataSource, this.config.DATABASE_SCHEMA, embedded);
  }
}
