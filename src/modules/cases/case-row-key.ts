/** The key under which a transaction keeps the case row it read (Transactions.memo); whoever writes case_file forgets it. */
export const caseRowKey = (id: string): string => `case_file:${id}`;
