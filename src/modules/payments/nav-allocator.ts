import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database';
import { composeNav } from './nav';

/**
 * Notice numbers from a counter row per (creditor, segregation code, year). The upsert takes the
 * row lock until the caller's transaction commits, so two allocations never share a sequence and
 * a rolled-back allocation gives its number back.
 */
@Injectable()
export class NavAllocator {
  constructor(private readonly tx: Transactions) {}

  async next(org: string, segregation: string, year: number): Promise<string> {
    return this.tx.run(async (em) => {
      const rows = (await em.query(
        `insert into payment_nav_counter (org_fiscal_code, segregation_code, year, last_sequence) values ($1, $2, $3, 1)
         on conflict (org_fiscal_code, segregation_code, year) do update set last_sequence = payment_nav_counter.last_sequence + 1
         returning last_sequence`,
        [org, segregation, year],
      )) as Array<{ last_sequence: number }>;
      return composeNav(segregation, year, Number(rows[0].last_sequence));
    });
  }
}
