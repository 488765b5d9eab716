import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FieldError } from '../../common';
import { APP_CONFIG, AppConfig } from '../../config';
import { Transactions } from '../../database';
import { IO_LIMITS } from '../app-io';
import { auditActorOf, AuditService } from '../audit';
import { CitizenPrincipal, Principal, principalSubject } from '../identity';
import { AlertDeliveryCounts, AlertRecipientStatus, NOTICE_CHANNELS, NoticeChannel, NotificationsService, OutboxStatus } from '../notifications';
import { ALERT_TOPICS, AlertTopic } from './alert-topics';
import { AlertInvalidException, AlertNotFoundException } from './alerts.exceptions';
import { ALERTS_MESSAGES as M } from './alerts.messages';
import { AlertsRepository, TopicAlertRow } from './alerts.repository';

/** Room left in an IO message (80–10,000 characters) for the template's greeting and footer around the alert's text. */
export const ALERT_TEXT_LIMITS = { min: IO_LIMITS.markdown.min, max: 8000 } as const;
export const ALERT_SUBJECT_LIMITS = IO_LIMITS.subject;
export const PREFERENCES_PATH = '/area-personale/preferenze';

export interface NewAlert {
  topic: string;
  subject: string;
  text: string;
}

export interface AlertStatus extends TopicAlertRow {
  topicTitle: string;
  delivery: AlertDeliveryCounts;
}

const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed'];

/**
 * Targeted alerts: the topics (ALERT_TOPICS_FILE), each citizen's subscriptions and notice
 * channel, and alerts an administrator sends to a topic, fanned out through the notification
 * outbox (one notice per subscriber, App IO or e-mail, throttled) in the transaction that records them.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly repo: AlertsRepository,
    private readonly notifications: NotificationsService,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    @Inject(ALERT_TOPICS) private readonly topicList: AlertTopic[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  topics(): AlertTopic[] {
    return this.topicList;
  }

  topic(key: string): AlertTopic | undefined {
    return this.topicList.find((t) => t.key === key);
  }

  async preferences(citizen: CitizenPrincipal): Promise<{ channel: NoticeChannel; topics: Array<AlertTopic & { subscribed: boolean }> }> {
    const [channel, mine] = await Promise.all([this.notifications.channelOf(citizen.fiscalCode), this.repo.topicsOf(citizen.fiscalCode)]);
    return { channel, topics: this.topicList.map((t) => ({ ...t, subscribed: mine.includes(t.key) })) };
  }

  /** The channel and the exact set of topics, saved together. */
  async savePreferences(citizen: CitizenPrincipal, input: { channel: unknown; topics: unknown }): Promise<void> {
    const errors: FieldError[] = [];
    const channel = input.channel;
    if (!NOTICE_CHANNELS.includes(channel as NoticeChannel)) errors.push({ field: 'channel', message: M.field.channel });
    const topics = input.topics === undefined || input.topics === null ? [] : Array.isArray(input.topics) ? input.topics : [input.topics];
    if (!topics.every((t): t is string => typeof t === 'string' && this.topic(t) !== undefined)) errors.push({ field: 'topics', message: M.field.topics });
    if (errors.length) throw new AlertInvalidException(errors);
    await this.tx.run(async () => {
      await this.notifications.chooseChannel(citizen.fiscalCode, channel as NoticeChannel);
      await this.repo.replaceSubscriptions(citizen.fiscalCode, [...new Set(topics as string[])], citizen.email ?? null);
    });
  }

  /** Records the alert, queues one notice per subscriber and writes the audit row (`alert.send`), atomically; returns the alert with its recipient count. */
  async send(by: Principal, input: Record<string, unknown>, via: { channel: 'web' | 'api'; address?: string }): Promise<TopicAlertRow> {
    const createdBy = principalSubject(by);
    const alert = this.validate(input);
    const topic = this.topic(alert.topic)!;
    const id = randomUUID();
    return this.tx.run(async () => {
      await this.repo.insertAlert({ id, topic: alert.topic, subject: alert.subject, body: alert.text, createdBy });
      const recipients = await this.notifications.enqueueAlert({
        alertId: id,
        topic: alert.topic,
        variables: { topicTitle: topic.title, alertSubject: alert.subject, message: alert.text, preferencesUrl: `${this.config.PUBLIC_BASE_URL}${PREFERENCES_PATH}` },
      });
      await this.repo.setRecipients(id, recipients);
      await this.audit.record({ actor: auditActorOf(by), action: 'alert.send', resource: { type: 'alert', id }, channel: via.channel, address: via.address ?? null });
      return (await this.repo.find(id))!;
    });
  }

  async status(id: string): Promise<AlertStatus> {
    const alert = await this.repo.find(id);
    if (!alert) throw new AlertNotFoundException(id);
    return { ...alert, topicTitle: this.topic(alert.topic)?.title ?? alert.topic, delivery: await this.notifications.alertCounts(id) };
  }

  async recent(limit = 20): Promise<AlertStatus[]> {
    const alerts = await this.repo.recent(limit);
    return Promise.all(alerts.map(async (a) => ({ ...a, topicTitle: this.topic(a.topic)?.title ?? a.topic, delivery: await this.notifications.alertCounts(a.id) })));
  }

  async recipients(id: string, status: unknown, limit: number, offset: number): Promise<{ total: number; items: AlertRecipientStatus[] }> {
    if (!(await this.repo.find(id))) throw new AlertNotFoundException(id);
    if (status !== undefined && !OUTBOX_STATUSES.includes(status as OutboxStatus)) throw new AlertInvalidException([{ field: 'status', message: M.field.status }]);
    return this.notifications.alertRecipients(id, (status as OutboxStatus | undefined) ?? null, limit, offset);
  }

  subscriberCount(topic: string): Promise<number> {
    return this.repo.subscriberCount(topic);
  }

  /** Every problem names its field: topic, subject (10–120 characters, IO's limit), text (80–8,000). */
  validate(input: Record<string, unknown>): NewAlert {
    const errors: FieldError[] = [];
    const text = (field: string, min: number, max: number): string => {
      const v = input[field];
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) errors.push({ field, message: M.field.required });
      else if (typeof v !== 'string') errors.push({ field, message: M.field.notText });
      else if ([...v.trim()].length < min || [...v.trim()].length > max) errors.push({ field, message: M.field.length(min, max) });
      return typeof v === 'string' ? v.trim() : '';
    };
    const topic = input.topic;
    if (typeof topic !== 'string' || !this.topic(topic)) errors.push({ field: 'topic', message: M.field.topic });
    const subject = text('subject', ALERT_SUBJECT_LIMITS.min, ALERT_SUBJECT_LIMITS.max);
    if (/[\r\n]/.test(subject)) errors.push({ field: 'subject', message: M.field.notText });
    const body = text('text', ALERT_TEXT_LIMITS.min, ALERT_TEXT_LIMITS.max);
    if (errors.length) throw new AlertInvalidException(errors);
    return { topic: topic as string, subject, text: body };
  }
}
