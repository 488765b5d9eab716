import { returnedRows, Transactions } from '../../../database';

import { MEMBERSHIP_ROLES, type MembershipRole } from '../principal';

export const STAFF_KINDS = ['operator', 'analyst', 'admin'] as const;
export type StaffKind = (typeof STAFF_KINDS)[number];
/** The roles a staff user can hold in an office (declared with the principal): the one list the admin pages and the checks read. */
export { MEMBERSHIP_ROLES, type MembershipRole };

export interface StaffUserRow {
  id: string;
  display_name: string;
  kind: StaffKind;
  password_hash: string | null;
  failed_logins: number;
  locked_until: Date | null;
  active: boolean;
  last_login_at?: Date | null;
  /** Set by an administrator's password (new account, reset): the user must choose their own first. */
  must_change_password?: boolean;
}

export interface MembershipRow {
  office: string;
  role: MembershipRole;
}

/** staff_user and staff_membership; every query joins the caller's transaction. */
export class StaffRepository {
  constructor(private readonly tx: Transactions) {}

  async find(id: string): Promise<StaffUserRow | undefined> {
    const [row] = (await this.tx.manager().query(`select * from staff_user where id = $1`, [id])) as StaffUserRow[];
    return row;
  }

  /** The user and their memberships in one round trip (every staff request resolves its principal). */
  async findWithMemberships(id: string): Promise<(StaffUserRow & { memberships: MembershipRow[] }) | undefined> {
    const [row] = (await this.tx.manager().query(
      `select u.*, coalesce((select json_agg(json_build_object('office', m.office, 'role', m.role) order by m.office)
                               from staff_membership m where m.user_id = u.id), '[]') as memberships
         from staff_user u where u.id = $1`,
      [id],
    )) as Array<StaffUserRow & { memberships: MembershipRow[] }>;
    return row;
  }

  async memberships(id: string): Promise<MembershipRow[]> {
    return (await this.tx.manager().query(`select office, role from staff_membership where user_id = $1 order by office`, [id])) as MembershipRow[];
  }

  async isMember(id: string, office: string): Promise<boolean> {
    const rows = (await this.tx.manager().query(
      `select 1 from staff_membership m join staff_user u on u.id = m.user_id where m.user_id = $1 and m.office = $2 and u.active and u.kind = 'operator'`,
      [id, office],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The active operators of an office, by name. */
  async members(office: string): Promise<Array<{ id: string; name: string }>> {
    return (await this.tx.manager().query(
      `select u.id, u.display_name as name from staff_membership m join staff_user u on u.id = m.user_id where m.office = $1 and u.active and u.kind = 'operator' order by u.display_name, u.id`,
      [office],
    )) as Array<{ id: string; name: string }>;
  }

  /** Inserts the user unless it exists; true when inserted. */
  async insert(u: { id: string; name: string; kind: StaffKind; passwordHash: string | null; temporary: boolean }): Promise<boolean> {
    const rows = (await this.tx.manager().query(
      `insert into staff_user (id, display_name, kind, password_hash, must_change_password) values ($1, $2, $3, $4, $5) on conflict (id) do nothing returning id`,
      [u.id, u.name, u.kind, u.passwordHash, u.temporary],
    )) as unknown[];
    return rows.length > 0;
  }

  async setMembership(id: string, office: string, role: MembershipRole): Promise<void> {
    await this.tx.manager().query(
      `insert into staff_membership (user_id, office, role) values ($1, $2, $3) on conflict (user_id, office) do update set role = excluded.role`,
      [id, office, role],
    );
  }

  /** Counts a failed login; at `max` failures the account locks for `lockSeconds` and the count restarts. */
  async recordFailure(id: string, max: number, lockSeconds: number): Promise<{ locked: boolean }> {
    const [row] = returnedRows<{ locked: boolean }>(await this.tx.manager().query(
      `update staff_user set
         locked_until = case when failed_logins + 1 >= $2 then now() + make_interval(secs => $3) else locked_until end,
         failed_logins = case when failed_logins + 1 >= $2 then 0 else failed_logins + 1 end
       where id = $1 returning locked_until is not null and locked_until > now() as locked`,
      [id, max, lockSeconds],
    ));
    return { locked: Boolean(row?.locked) };
  }

  async list(): Promise<StaffUserRow[]> {
    return (await this.tx.manager().query(`select * from staff_user order by id`)) as StaffUserRow[];
  }

  async membersOf(office: string): Promise<Array<{ user_id: string; display_name: string; role: MembershipRole; active: boolean }>> {
    return (await this.tx.manager().query(
      `select m.user_id, u.display_name, m.role, u.active from staff_membership m join staff_user u on u.id = m.user_id where m.office = $1 order by m.user_id`,
      [office],
    )) as Array<{ user_id: string; display_name: string; role: MembershipRole; active: boolean }>;
  }

  /** Removes a membership; true when there was one. */
  async removeMembership(id: string, office: string): Promise<boolean> {
    return returnedRows(await this.tx.manager().query(`delete from staff_membership where user_id = $1 and office = $2 returning office`, [id, office])).length > 0;
  }

  /** Activates or deactivates; true when the user exists. */
  async setActive(id: string, active: boolean): Promise<boolean> {
    return returnedRows(await this.tx.manager().query(`update staff_user set active = $2 where id = $1 returning id`, [id, active])).length > 0;
  }

  /**
   * A new password hash; also clears the failure count and any lock. `temporary`: an administrator
   * set it and the user must change it at the next login. True when the user exists.
   */
  async setPasswordHash(id: string, passwordHash: string, temporary: boolean): Promise<boolean> {
    return returnedRows(
      await this.tx.manager().query(`update staff_user set password_hash = $2, must_change_password = $3, failed_logins = 0, locked_until = null where id = $1 returning id`, [
        id,
        passwordHash,
        temporary,
      ]),
    ).length > 0;
  }

  /** Lifts a lock-out and clears the failure count; true when the user exists. */
  async unlock(id: string): Promise<boolean> {
    return returnedRows(await this.tx.manager().query(`update staff_user set failed_logins = 0, locked_until = null where id = $1 returning id`, [id])).length > 0;
  }

  async recordSuccess(id: string): Promise<void> {
    await this.tx.manager().query(`update staff_user set failed_logins = 0, locked_until = null, last_login_at = now() where id = $1`, [id]);
  }

  async isLocked(id: string): Promise<boolean> {
    const rows = (await this.tx.manager().query(`select 1 from staff_user where id = $1 and locked_until > now()`, [id])) as unknown[];
    return rows.length > 0;
  }
}
