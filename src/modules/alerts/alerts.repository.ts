import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database';

export interface TopicAlertRow {
  id: string;
  topic: string;
  subject: string;
  body: string;
  createdBy: string;
  recipients: number;
  createdAt: Date;
}

interface RawAlert {
  id: string;
  topic: string;
  subject: string;
  body: string;
  created_by: string;
  recipients: number;
  created_at: Date;
}

const toAlert = (r: RawAlert): TopicAlertRow => ({
  id: r.id,
  topic: r.topic,
  subject: r.subject,
  body: r.body,
  createdBy: r.created_by,
  recipients: r.recipients,
  createdAt: r.created_at,
});

/** Subscriptions (alert_subscription) and sent alerts (topic_alert); writes join the caller's transaction. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly tx: Transactions) {}

  async topicsOf(fiscalCode: string): Promise<string[]> {
    const rows: Array<{ topic: string }> = await this.tx.manager().query(`select topic from alert_subscription where fiscal_code = $1 order by topic`, [fiscalCode]);
    return rows.map((r) => r.topic);
  }

  /** The citizen's topics become exactly `topics`; the e-mail address kept with each is the one the citizen has now. */
  async replaceSubscriptions(fiscalCode: string, topics: string[], email: string | null): Promise<void> {
    const em = this.tx.manager();
    await em.query(`delete from alert_subscription where fiscal_code = $1 and not (topic = any($2))`, [fiscalCode, topics]);
    for (const topic of topics) {
      await em.query(
        `insert into alert_subscription (fiscal_code, topic, email) values ($1, $2, $3)
         on conflict (fiscal_code, topic) do update set email = excluded.email`,
        [fiscalCode, topic, email],
      );
    }
  }

  async subscribe(fiscalCode: string, topic: string, email: string | null): Promise<void> {
    await this.tx.manager().query(
      `insert into alert_subscription (fiscal_code, topic, email) values ($1, $2, $3) on conflict (fiscal_code, topic) do update set email = excluded.email`,
      [fiscalCode, topic, email],
    );
  }

  async subscriberCount(topic: string): Promise<number> {
    const [{ n }]: Array<{ n: string }> = await this.tx.manager().query(`select count(*) as n from alert_subscription where topic = $1`, [topic]);
    return Number(n);
  }

  async insertAlert(a: Omit<TopicAlertRow, 'createdAt' | 'recipients'>): Promise<void> {
    await this.tx.manager().query(`insert into topic_alert (id, topic, subject, body, created_by, recipients) values ($1, $2, $3, $4, $5, 0)`, [
      a.id,
      a.topic,
      a.subject,
      a.body,
      a.createdBy,
    ]);
  }

  async setRecipients(id: string, recipients: number): Promise<void> {
    await this.tx.manager().query(`update topic_alert set recipients = $2 where id = $1`, [id, recipients]);
  }

  async find(id: string): Promise<TopicAlertRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows: RawAlert[] = await this.tx.manager().query(`select * from topic_alert where id = $1`, [id]);
    return rows[0] ? toAlert(rows[0]) : undefined;
  }

  async recent(limit: number): Promise<TopicAlertRow[]> {
    const rows: RawAlert[] = await this.tx.manager().query(`select * from topic_alert order by created_at desc, id limit $1`, [limit]);
    return rows.map(toAlert);
  }
}
