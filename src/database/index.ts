export { DatabaseModule } from './database.module';
export { Transactions } from './transactions';
