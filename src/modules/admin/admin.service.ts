import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database';
import { AuditRecord, AuditService, auditActorOf } from '../audit';
import { CatalogueService } from '../catalogue';
import { OfficeMember, Principal, principalSubject, StaffDirectoryService, StaffUserView } from '../identity';
import { StaffLoginService } from '../staff-login';
import { PgSessionStore } from '../web';

export interface OfficeView {
  key: string;
  name: string;
  members: OfficeMember[];
}

/** One change of the administration pages, as the page reports it back. */
export type AdminOutcome = 'created' | 'deactivated' | 'activated' | 'passwordReset' | 'unlocked' | 'totpReset' | 'totpNone' | 'membershipSet' | 'membershipRemoved' | 'membershipMissing';

/**
 * What the administration pages change, each change in one transaction with its audit row (and,
 * where the user must stop working at once, the end of their page sessions).
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly tx: Transactions,
    private readonly staff: StaffDirectoryService,
    private readonly login: StaffLoginService,
    private readonly audit: AuditService,
    private readonly catalogue: CatalogueService,
    private readonly sessions: PgSessionStore,
  ) {}

  users(): Promise<StaffUserView[]> {
    return this.staff.list();
  }

  async user(id: string): Promise<(StaffUserView & { totp: boolean }) | null> {
    const user = await this.staff.find(id);
    return user ? { ...user, totp: await this.login.hasTotp(user.id) } : null;
  }

  /** The offices of offices.json (names from the catalogue) with their members. */
  async offices(): Promise<OfficeView[]> {
    const offices = await this.catalogue.offices();
    return Promise.all(offices.filter((o) => o.key !== 'citizen').map(async (o) => ({ key: o.key, name: o.name, members: await this.staff.membersOf(o.key) })));
  }

  async officeKeys(): Promise<Array<{ key: string; name: string }>> {
    return (await this.catalogue.offices()).filter((o) => o.key !== 'citizen').map((o) => ({ key: o.key, name: o.name }));
  }

  create(by: Principal, address: string | undefined, input: { id: string; name: string; kind: string }): Promise<{ password: string }> {
    return this.tx.run(async () => {
      const created = await this.staff.create(input);
      await this.audit.record(this.record(by, address, 'user.create', input.id));
      return created;
    });
  }

  /** Deactivates (and ends the user's sessions) or reactivates; null when the user is unknown. */
  setActive(by: Principal, address: string | undefined, id: string, active: boolean): Promise<AdminOutcome | null> {
    return this.tx.run(async () => {
      if (!(await this.staff.setActive(id, active))) return null;
      if (!active) await this.sessions.endSessionsOf(id);
      await this.audit.record(this.record(by, address, active ? 'user.activate' : 'user.deactivate', id));
      return active ? ('activated' as const) : ('deactivated' as const);
    });
  }

  resetPassword(by: Principal, address: string | undefined, id: string): Promise<{ password: string } | null> {
    return this.tx.run(async () => {
      const reset = await this.staff.resetPassword(id);
      if (!reset) return null;
      await this.sessions.endSessionsOf(id);
      await this.audit.record(this.record(by, address, 'user.password-reset', id));
      return reset;
    });
  }

  unlock(by: Principal, address: string | undefined, id: string): Promise<AdminOutcome | null> {
    return this.tx.run(async () => {
      if (!(await this.staff.unlock(id))) return null;
      await this.audit.record(this.record(by, address, 'user.unlock', id));
      return 'unlocked' as const;
    });
  }

  /** Drops the second factor: the user enrols again at the next login. Their open sessions end. */
  resetTotp(by: Principal, address: string | undefined, id: string): Promise<AdminOutcome> {
    return this.tx.run(async () => {
      const had = await this.login.resetTotp(id);
      await this.sessions.endSessionsOf(id);
      await this.audit.record(this.record(by, address, 'user.totp-reset', id));
      return had ? ('totpReset' as const) : ('totpNone' as const);
    });
  }

  /** Audited on the resource `<user>/<office>` (the audit row has no detail column; user ids hold no '/'). */
  setMembership(by: Principal, address: string | undefined, id: string, office: string, role: string): Promise<AdminOutcome> {
    return this.tx.run(async () => {
      await this.staff.setMembership(id, office, role);
      await this.sessions.endSessionsOf(id);
      await this.audit.record(this.record(by, address, `user.membership-set.${role}`, `${id}/${office}`));
      return 'membershipSet' as const;
    });
  }

  removeMembership(by: Principal, address: string | undefined, id: string, office: string): Promise<AdminOutcome> {
    return this.tx.run(async () => {
      if (!(await this.staff.removeMembership(id, office))) return 'membershipMissing' as const;
      await this.sessions.endSessionsOf(id);
      await this.audit.record(this.record(by, address, 'user.membership-remove', `${id}/${office}`));
      return 'membershipRemoved' as const;
    });
  }

  isSelf(by: Principal, id: string): boolean {
    return principalSubject(by) === id;
  }

  private record(by: Principal, address: string | undefined, action: string, id: string): AuditRecord {
    return { actor: auditActorOf(by), action, resource: { type: 'user', id }, channel: 'web', address: address ?? null };
  }
}
