import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainException, FieldError, parsePageRequest } from '../../common';
import { AUDIT_CSV_HEADER, AUDIT_RESOURCES, auditCsvLine, AuditService } from '../audit';
import { MEMBERSHIP_ROLES, Principal, principalOf, STAFF_KINDS } from '../identity';
import { Page } from '../web';
import { AdminOutcome, AdminService } from './admin.service';
import { AdminSessionGuard } from './admin-session.guard';
import { AdminInvalidInputException, AdminUserNotFoundException } from './admin.exceptions';
import { ADMIN_MESSAGES as M } from './admin.messages';

const text = (v: unknown, max = 200): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const OUTCOMES = Object.keys(M.done) as AdminOutcome[];
const HOME = { label: M.home, href: '/amministrazione' };
const kindOptions = (selected?: string) => STAFF_KINDS.map((k) => ({ value: k, label: M.kinds[k] ?? k, selected: k === selected }));
const roleOptions = () => MEMBERSHIP_ROLES.map((r) => ({ value: r, label: M.roles[r] ?? r }));

/**
 * Administration pages (admins whose session gave the second factor): staff users, offices and
 * memberships, and the audit trail with its CSV export. Every change is audited.
 */
@ApiExcludeController()
@Controller('amministrazione')
@Page('admin')
@UseGuards(AdminSessionGuard)
export class AdminPagesController {
  constructor(
    private readonly admin: AdminService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  home(@Res() res: Response): void {
    this.render(res, 'admin/home', { title: M.home, breadcrumbs: [{ label: M.home }] });
  }

  @Get('utenti')
  async users(@Res() res: Response): Promise<void> {
    await this.renderUsers(res, 200, {});
  }

  @Post('utenti')
  async create(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const input = { id: text(body.utente, 128), name: text(body.nome), kind: text(body.tipo, 20) };
    try {
      const { password } = await this.admin.create(me(req), req.ip, input);
      res.setHeader('Cache-Control', 'no-store');
      const user = await this.admin.user(input.id);
      return this.renderUser(res, 201, user, { notice: M.done.created, password });
    } catch (e) {
      const errors = fieldErrors(e, { id: 'utente', name: 'nome', kind: 'tipo' });
      if (!errors) throw e;
      await this.renderUsers(res, 400, { values: { utente: input.id, nome: input.name }, kind: input.kind, errors, errorFor: byField(errors) });
    }
  }

  @Get('utenti/:id')
  async user(@Param('id') id: string, @Query('esito') esito: unknown, @Res() res: Response): Promise<void> {
    const user = await this.admin.user(id);
    const outcome = OUTCOMES.find((o) => o === esito);
    await this.renderUser(res, 200, user, outcome ? { notice: M.done[outcome] } : {});
  }

  @Post('utenti/:id/disattiva')
  async deactivate(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.admin.isSelf(me(req), id)) return this.renderUser(res, 409, await this.admin.user(id), { error: M.selfAction });
    await this.after(res, id, await this.admin.setActive(me(req), req.ip, id, false));
  }

  @Post('utenti/:id/riattiva')
  async activate(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.after(res, id, await this.admin.setActive(me(req), req.ip, id, true));
  }

  @Post('utenti/:id/sblocca')
  async unlock(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.after(res, id, await this.admin.unlock(me(req), req.ip, id));
  }

  @Post('utenti/:id/nuova-password')
  async resetPassword(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const reset = await this.admin.resetPassword(me(req), req.ip, id);
    if (!reset) return this.renderUser(res, 404, null, {});
    res.setHeader('Cache-Control', 'no-store');
    await this.renderUser(res, 200, await this.admin.user(id), { notice: M.done.passwordReset, password: reset.password });
  }

  @Post('utenti/:id/azzera-verifica')
  async resetTotp(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.admin.isSelf(me(req), id)) return this.renderUser(res, 409, await this.admin.user(id), { error: M.selfAction });
    if (!(await this.admin.user(id))) return this.renderUser(res, 404, null, {});
    await this.after(res, id, await this.admin.resetTotp(me(req), req.ip, id));
  }

  @Post('utenti/:id/uffici')
  async setMembership(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      await this.after(res, id, await this.admin.setMembership(me(req), req.ip, id, text(body.ufficio, 64), text(body.ruolo, 20)));
    } catch (e) {
      const errors = fieldErrors(e, { id: 'ufficio', office: 'ufficio', role: 'ruolo' });
      if (!errors) throw e;
      const user = await this.admin.user(id);
      await this.renderUser(res, user ? 400 : 404, user, { errors, errorFor: byField(errors) });
    }
  }

  @Post('utenti/:id/uffici/:office/rimuovi')
  async removeMembership(@Param('id') id: string, @Param('office') office: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.admin.user(id))) return this.renderUser(res, 404, null, {});
    await this.after(res, id, await this.admin.removeMembership(me(req), req.ip, id, office));
  }

  @Get('uffici')
  async offices(@Res() res: Response): Promise<void> {
    const offices = (await this.admin.offices()).map((o) => ({ ...o, members: o.members.map((m) => ({ ...m, roleLabel: M.roles[m.role] ?? m.role })) }));
    this.render(res, 'admin/uffici', { title: M.offices, breadcrumbs: [HOME, { label: M.offices }], offices });
  }

  @Get('registro')
  async auditTrail(@Query() q: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const filter = auditFilter(q);
    const values = { tipo: text(q.tipo, 20), risorsa: text(q.risorsa) };
    const types = AUDIT_RESOURCES.map((t) => ({ value: t, selected: t === values.tipo }));
    const base = { title: M.audit, breadcrumbs: [HOME, { label: M.audit }], values, types };
    if ('errors' in filter) return this.render(res, 'admin/registro', { ...base, errors: filter.errors, errorFor: byField(filter.errors) }, 400);
    const page = parsePageRequest({ page: typeof q.pagina === 'string' ? q.pagina : undefined, pageSize: '50' });
    const result = await this.audit.list(filter, page);
    const query = new URLSearchParams({ ...(filter.resourceType ? { tipo: filter.resourceType } : {}), ...(filter.resourceId ? { risorsa: filter.resourceId } : {}) });
    const more = result.page * result.pageSize < result.total;
    this.render(res, 'admin/registro', {
      ...base,
      entries: result.items,
      total: result.total,
      exportHref: `/amministrazione/registro/esporta${query.size ? `?${query}` : ''}`,
      nextHref: more ? `/amministrazione/registro?${new URLSearchParams({ ...Object.fromEntries(query), pagina: String(result.page + 1) })}` : null,
    });
  }

  @Get('registro/esporta')
  async exportAudit(@Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const filter = auditFilter(q);
    if ('errors' in filter) throw new AdminInvalidInputException(filter.errors);
    // The export itself is audited: who took a copy of the trail, and which part.
    await this.audit.record({ actor: { kind: 'admin', subject: principalSubjectOf(me(req)) }, action: 'audit.export', resource: { type: 'page', id: '/amministrazione/registro/esporta' }, channel: 'web', address: req.ip ?? null });
    res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="registro-audit.csv"');
    res.setHeader('Cache-Control', 'no-store');
    res.write(`${AUDIT_CSV_HEADER}\r\n`);
    for await (const e of this.audit.entries(filter)) res.write(`${auditCsvLine(e)}\r\n`);
    res.end();
  }

  private async after(res: Response, id: string, outcome: AdminOutcome | null): Promise<void> {
    if (!outcome) return this.renderUser(res, 404, null, {});
    res.redirect(303, `/amministrazione/utenti/${encodeURIComponent(id)}?esito=${outcome}`);
  }

  private async renderUsers(res: Response, status: number, extra: { values?: object; kind?: string; errors?: FieldError[]; errorFor?: Record<string, string> }): Promise<void> {
    const users = (await this.admin.users()).map((u) => ({ ...u, kindLabel: M.kinds[u.kind] ?? u.kind }));
    this.render(res, 'admin/utenti', { title: M.users, breadcrumbs: [HOME, { label: M.users }], users, kinds: kindOptions(extra.kind), values: {}, ...extra }, status);
  }

  private async renderUser(res: Response, status: number, user: Awaited<ReturnType<AdminService['user']>>, extra: object): Promise<void> {
    if (!user) throw new AdminUserNotFoundException();
    const offices = await this.admin.officeKeys();
    this.render(
      res,
      'admin/utente',
      {
        title: `${M.user} ${user.id}`,
        breadcrumbs: [HOME, { label: M.users, href: '/amministrazione/utenti' }, { label: user.id }],
        user: { ...user, kindLabel: M.kinds[user.kind] ?? user.kind, memberships: user.memberships.map((m) => ({ ...m, roleLabel: M.roles[m.role] ?? m.role })) },
        offices,
        roles: roleOptions(),
        isOperator: user.kind === 'operator',
        ...extra,
      },
      status,
    );
  }

  private render(res: Response, view: string, model: object, status = 200): void {
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).render(view, model);
  }
}

const me = (req: Request): Principal => principalOf(req) as Principal;
const principalSubjectOf = (p: Principal): string => ('userId' in p ? p.userId : p.kind);

/** The field errors of an input refusal, renamed to the page's field names; undefined for any other error. */
function fieldErrors(e: unknown, names: Record<string, string>): FieldError[] | undefined {
  if (!(e instanceof DomainException) || e.kind !== 'invalid') return undefined;
  return (e.details.fieldErrors ?? []).map((f) => ({ field: names[f.field] ?? f.field, message: f.message }));
}

function auditFilter(q: Record<string, unknown>): { resourceType?: string; resourceId?: string } | { errors: FieldError[] } {
  const tipo = text(q.tipo, 20);
  const risorsa = text(q.risorsa);
  const errors: FieldError[] = [];
  if (tipo && !(AUDIT_RESOURCES as readonly string[]).includes(tipo)) errors.push({ field: 'tipo', message: M.auditFilter });
  if (q.pagina !== undefined && (typeof q.pagina !== 'string' || !/^\d{1,6}$/.test(q.pagina) || q.pagina === '0')) errors.push({ field: 'pagina', message: M.auditFilter });
  if (errors.length) return { errors };
  return { ...(tipo ? { resourceType: tipo } : {}), ...(risorsa ? { resourceId: risorsa } : {}) };
}

const byField = (errors: FieldError[]): Record<string, string> => Object.fromEntries(errors.map((e) => [e.field, e.message]));
