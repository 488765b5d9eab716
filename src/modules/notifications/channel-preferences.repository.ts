import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database';

export const NOTICE_CHANNELS = ['io', 'email'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** What a citizen who never chose gets: App IO when they are on IO and allow the Comune, else e-mail. */
export const DEFAULT_NOTICE_CHANNEL: NoticeChannel = 'io';

/** The channel each citizen chose in the personal area (citizen_channel_preference). */
@Injectable()
export class ChannelPreferencesRepository {
  constructor(private readonly tx: Transactions) {}

  async channelOf(fiscalCode: string): Promise<NoticeChannel> {
    const rows: Array<{ channel: NoticeChannel }> = await this.tx.manager().query(`select channel from citizen_channel_preference where fiscal_code = $1`, [fiscalCode]);
    return rows[0]?.channel ?? DEFAULT_NOTICE_CHANNEL;
  }

  /** Whether the citizen chose explicitly (false: the default applies). */
  async hasChosen(fiscalCode: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager().query(`select 1 from citizen_channel_preference where fiscal_code = $1`, [fiscalCode]);
    return rows.length > 0;
  }

  async choose(fiscalCode: string, channel: NoticeChannel): Promise<void> {
    await this.tx.manager().query(
      `insert into citizen_channel_preference (fiscal_code, channel) values ($1, $2)
       on conflict (fiscal_code) do update set channel = excluded.channel, updated_at = now()`,
      [fiscalCode, channel],
    );
  }
}
