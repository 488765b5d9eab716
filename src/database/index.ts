export { DatabaseModule } from './database.module';
export { returnedRows, Transactions } from './transactions';
