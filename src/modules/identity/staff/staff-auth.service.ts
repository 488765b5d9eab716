import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { APP_CONFIG, AppConfig } from '../../../config';
import { Transactions } from '../../../database';
import { DEMO_ADMINS, DEMO_ANALYSTS, DEMO_OPERATORS, DEMO_STAFF_PASSWORD } from '../demo-principals';
import { IdentityAccountLockedException, IdentityInvalidPrincipalException, IdentityLoginFailedException } from '../identity.exceptions';
import { IDENTITY_MESSAGES as M } from '../identity.messages';
import { OFFICE_DIRECTORY, OfficeDirectory } from '../office-directory';
import { OperatorPrincipal, Principal } from '../principal';
import { passwordProblems } from './password-policy';
import { MembershipRole, StaffKind, StaffRepository } from './staff.repository';

/** Failed logins before the account locks, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_SECONDS = 15 * 60;
/** Compared against when the user does not exist, so timing does not tell which usernames exist. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c3BvcnRlbGxvLWR1bW15$1Z9XQLFs7L669Ayg18+Ly4FJfLIv1CkoBds4bSCrCVk';

/**
 * The demo password's hash, computed once per process: every demo user shares the documented
 * demo password anyway, and argon2 is deliberately slow (one hash per boot, not one per user).
 */
let demoHash: Promise<string> | undefined;
const demoPasswordHash = (): Promise<string> => (demoHash ??= hash(DEMO_STAFF_PASSWORD));

const demoRole = (p: OperatorPrincipal, office: string): MembershipRole => (p.headOf.includes(office) ? 'head' : p.desk ? 'desk' : 'operator');

export interface NewStaffUser {
  id: string;
  name: string;
  kind: StaffKind;
  password?: string;
  /** An argon2id hash computed elsewhere (the demo seed); `password` wins when both are given. */
  passwordHash?: string;
  /** The password is an administrator's temporary one: the user must change it at the next login. */
  temporary?: boolean;
  memberships?: Array<{ office: string; role: MembershipRole }>;
}

/**
 * Staff accounts in the database: who they are, which offices they work in or head, and the
 * password check with a lock-out counted in PostgreSQL (shared by every process). Operator
 * principals take their offices from memberships, never from what a token claims.
 */
@Injectable()
export class StaffAuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('StaffAuthService');
  private readonly repo: StaffRepository;

  constructor(
    private readonly tx: Transactions,
    @Inject(OFFICE_DIRECTORY) private readonly offices: OfficeDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.repo = new StaffRepository(tx);
  }

  /** Development and tests get the demo staff (demo-principals.ts); production never does. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NODE_ENV === 'production' || !this.config.MIGRATIONS_RUN) return;
    let added = 0;
    for (const p of [...DEMO_OPERATORS, ...DEMO_ANALYSTS, ...DEMO_ADMINS]) {
      if (await this.repo.find(p.userId)) continue;
      const memberships =
        p.kind === 'operator'
          ? p.offices.filter((o) => this.offices.has(o)).map((office) => ({ office, role: demoRole(p, office) }))
          : [];
      if (await this.create({ id: p.userId, name: p.name, kind: p.kind, passwordHash: await demoPasswordHash(), memberships })) added++;
    }
    if (added) this.logger.log(`demo staff seeded: ${added} user(s)`);
  }

  /** Creates a staff user (offices must exist); false if the id is taken. */
  async create(u: NewStaffUser): Promise<boolean> {
    const unknown = (u.memberships ?? []).map((m, i) => ({ m, i })).filter(({ m }) => !this.offices.has(m.office));
    if (unknown.length) throw new IdentityInvalidPrincipalException(unknown.map(({ i }) => ({ field: `memberships.${i}.office`, message: M.unknownOffice })));
    if (u.kind !== 'operator' && u.memberships?.length) throw new IdentityInvalidPrincipalException([{ field: 'memberships', message: M.membershipsForOperators }]);
    const passwordHash = u.password !== undefined ? await hash(u.password) : (u.passwordHash ?? null);
    return this.tx.run(async () => {
      if (!(await this.repo.insert({ id: u.id, name: u.name, kind: u.kind, passwordHash, temporary: u.temporary ?? false }))) return false;
      for (const m of u.memberships ?? []) await this.repo.setMembership(u.id, m.office, m.role);
      return true;
    });
  }

  /**
   * The principal for a staff user: null when the user is unknown, inactive, of another kind
   * than the token says, or an operator without any membership in an existing office.
   */
  async principalOf(userId: string, kind: StaffKind): Promise<Principal | null> {
    const user = await this.repo.findWithMemberships(userId);
    if (!user || !user.active || user.kind !== kind) return null;
    if (user.kind !== 'operator') return { kind: user.kind, userId: user.id, name: user.display_name };
    const memberships = user.memberships.filter((m) => this.offices.has(m.office));
    if (!memberships.length) return null;
    return {
      kind: 'operator',
      userId: user.id,
      name: user.display_name,
      offices: memberships.map((m) => m.office),
      headOf: memberships.filter((m) => m.role === 'head').map((m) => m.office),
      ...(memberships.some((m) => m.role === 'desk') ? { desk: true } : {}),
    };
  }

  /** Whether `userId` is an active operator of `office` (assignees must be). */
  isMemberOf(userId: string, office: string): Promise<boolean> {
    return this.repo.isMember(userId, office);
  }

  /** The active operators of an office (whom its head may assign tasks to), by name. */
  membersOf(office: string): Promise<Array<{ id: string; name: string }>> {
    return this.repo.members(office);
  }

  /**
   * The principal of an active staff account named by another identity provider (the Comune's
   * OIDC login): matched on the account id, never created. Null when there is none.
   */
  async principalOfUsername(username: string): Promise<Principal | null> {
    if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/.test(username)) return null;
    const user = await this.repo.find(username);
    return user ? this.principalOf(user.id, user.kind) : null;
  }

  /** Whether the user's password is an administrator's temporary one, to be changed before anything else. */
  async passwordChangeRequired(userId: string): Promise<boolean> {
    return Boolean((await this.repo.find(userId))?.must_change_password);
  }

  /**
   * Sets the user's own password (policy in password-policy.ts; never the current one again) and
   * clears the temporary flag. Throws IDENTITY_INVALID_PRINCIPAL naming `password` or `conferma`;
   * IDENTITY_LOGIN_FAILED when the user is gone or deactivated meanwhile. Joins the caller's transaction.
   */
  async changePassword(userId: string, password: string, confirmation: string): Promise<void> {
    const user = await this.repo.find(userId);
    if (!user || !user.active) throw new IdentityLoginFailedException();
    const problems = passwordProblems(password, confirmation, userId);
    const unchanged = Boolean(user.password_hash && password && (await verify(user.password_hash, password).catch(() => false)));
    const errors = unchanged ? [{ field: 'password', message: M.passwordUnchanged }, ...problems.filter((p) => p.field !== 'password')] : problems;
    if (errors.length) throw new IdentityInvalidPrincipalException(errors);
    await this.repo.setPasswordHash(userId, await hash(password), false);
  }

  /**
   * Checks a username and password. Throws IDENTITY_LOGIN_FAILED (unknown user, wrong password:
   * one answer for both) or IDENTITY_ACCOUNT_LOCKED after MAX_FAILED_LOGINS failures.
   */
  async login(username: string, password: string): Promise<Principal> {
    const user = typeof username === 'string' && username.length <= 128 ? await this.repo.find(username) : undefined;
    if (!user || !user.active || !user.password_hash) {
      await verify(DUMMY_HASH, String(password)).catch(() => false);
      throw new IdentityLoginFailedException();
    }
    if (await this.repo.isLocked(user.id)) throw new IdentityAccountLockedException();
    const ok = await verify(user.password_hash, String(password)).catch(() => false);
    if (!ok) {
      const { locked } = await this.repo.recordFailure(user.id, MAX_FAILED_LOGINS, LOCK_SECONDS);
      throw locked ? new IdentityAccountLockedException() : new IdentityLoginFailedException();
    }
    const principal = await this.principalOf(user.id, user.kind);
    if (!principal) throw new IdentityLoginFailedException();
    await this.repo.recordSuccess(user.id);
    return principal;
  }
}
