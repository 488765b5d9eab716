import { Inject, Injectable } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { Transactions } from '../../../database';
import { IdentityInvalidPrincipalException } from '../identity.exceptions';
import { IDENTITY_MESSAGES as M } from '../identity.messages';
import { OFFICE_DIRECTORY, OfficeDirectory } from '../office-directory';
import { StaffAuthService } from './staff-auth.service';
import { MEMBERSHIP_ROLES, MembershipRole, STAFF_KINDS, StaffKind, StaffRepository } from './staff.repository';

export interface StaffUserView {
  id: string;
  name: string;
  kind: StaffKind;
  active: boolean;
  locked: boolean;
  lockedUntil: Date | null;
  failedLogins: number;
  lastLoginAt: Date | null;
  memberships: Array<{ office: string; role: MembershipRole }>;
}

export interface OfficeMember {
  userId: string;
  name: string;
  role: MembershipRole;
  active: boolean;
}

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

/** A password an administrator hands over once: 18 random bytes, base64url (24 characters). */
export const newTemporaryPassword = (): string => randomBytes(18).toString('base64url');

/**
 * What administrators do to staff accounts: list, create, deactivate, new password, unlock,
 * memberships. Input is checked here and refused with field errors; callers wrap each change in
 * their own transaction with its audit row.
 */
@Injectable()
export class StaffDirectoryService {
  private readonly repo: StaffRepository;

  constructor(
    private readonly tx: Transactions,
    private readonly staff: StaffAuthService,
    @Inject(OFFICE_DIRECTORY) private readonly offices: OfficeDirectory,
  ) {
    this.repo = new StaffRepository(tx);
  }

  async list(): Promise<StaffUserView[]> {
    const users = await this.repo.list();
    return Promise.all(users.map(async (u) => this.view(u, await this.repo.memberships(u.id))));
  }

  async find(id: string): Promise<StaffUserView | null> {
    const u = typeof id === 'string' && USER_ID.test(id) ? await this.repo.find(id) : undefined;
    return u ? this.view(u, await this.repo.memberships(u.id)) : null;
  }

  async membersOf(office: string): Promise<OfficeMember[]> {
    return (await this.repo.membersOf(office)).map((m) => ({ userId: m.user_id, name: m.display_name, role: m.role, active: m.active }));
  }

  /**
   * Creates an account with a temporary password (returned, to be shown once; the user must change
   * it at the first login). Refuses a bad or
   * taken id, an empty name or an unknown kind, naming the field.
   */
  async create(input: { id: string; name: string; kind: string }): Promise<{ password: string }> {
    const errors = [
      ...(USER_ID.test(input.id) ? [] : [{ field: 'id', message: M.invalidUserId }]),
      ...(input.name.length >= 1 && input.name.length <= 200 ? [] : [{ field: 'name', message: M.required }]),
      ...((STAFF_KINDS as readonly string[]).includes(input.kind) ? [] : [{ field: 'kind', message: M.unknownKind }]),
    ];
    if (errors.length) throw new IdentityInvalidPrincipalException(errors);
    const password = newTemporaryPassword();
    const created = await this.staff.create({ id: input.id, name: input.name, kind: input.kind as StaffKind, password, temporary: true });
    if (!created) throw new IdentityInvalidPrincipalException([{ field: 'id', message: M.userIdTaken }]);
    return { password };
  }

  async setActive(id: string, active: boolean): Promise<boolean> {
    return this.repo.setActive(id, active);
  }

  /** A new temporary password (returned once), the lock lifted; null when the user is unknown. */
  async resetPassword(id: string): Promise<{ password: string } | null> {
    const password = newTemporaryPassword();
    const passwordHash = await hash(password);
    return (await this.repo.setPasswordHash(id, passwordHash, true)) ? { password } : null;
  }

  unlock(id: string): Promise<boolean> {
    return this.repo.unlock(id);
  }

  /** Adds or changes a membership: operators only, an office of offices.json, a known role. */
  async setMembership(id: string, office: string, role: string): Promise<void> {
    const user = await this.repo.find(id);
    const errors = [
      ...(user ? [] : [{ field: 'id', message: M.unknownUser }]),
      ...(user && user.kind !== 'operator' ? [{ field: 'office', message: M.membershipsForOperators }] : []),
      ...(this.offices.has(office) ? [] : [{ field: 'office', message: M.unknownOffice }]),
      ...((MEMBERSHIP_ROLES as readonly string[]).includes(role) ? [] : [{ field: 'role', message: M.unknownRole }]),
    ];
    if (errors.length) throw new IdentityInvalidPrincipalException(errors);
    await this.repo.setMembership(id, office, role as MembershipRole);
  }

  removeMembership(id: string, office: string): Promise<boolean> {
    return this.repo.removeMembership(id, office);
  }

  private view(u: Awaited<ReturnType<StaffRepository['find']>> & object, memberships: Array<{ office: string; role: MembershipRole }>): StaffUserView {
    const lockedUntil = u.locked_until ? new Date(u.locked_until) : null;
    return {
      id: u.id,
      name: u.display_name,
      kind: u.kind,
      active: u.active,
      locked: lockedUntil !== null && lockedUntil.getTime() > Date.now(),
      lockedUntil,
      failedLogins: u.failed_logins,
      lastLoginAt: u.last_login_at ? new Date(u.last_login_at) : null,
      memberships,
    };
  }
}
