export { DatabaseModule } from './database.module';
export { returnedRows, Transactions, TxSlot } from './transactions';
