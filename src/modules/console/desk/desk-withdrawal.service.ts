import { Injectable } from '@nestjs/common';
import { FieldError } from '../../../common';
import { Transactions } from '../../../database';
import { auditActorOf, AuditService } from '../../audit';
import { CasesService, WithdrawCaseUseCase } from '../../cases';
import type { OperatorPrincipal } from '../../identity';
import { WebForbiddenException } from '../../web';
import { CitizenDeskService, citizenHref } from './citizen-desk.service';
import { DeskNotFoundException } from './desk.exceptions';
import { DESK_MESSAGES as M } from './desk.messages';

const IDENTIFICATIONS = ['signed-before-employee', 'id-copy-attached'] as const;
type Identification = (typeof IDENTIFICATIONS)[number];

/**
 * The citizen withdraws a case at the front desk: the same withdrawal use case as online (protocol
 * entry, engine stopped, tasks cancelled, e-mail), on channel desk with the operator and the
 * identification; the operator's act is audited in the same transaction. Desk operators only.
 */
@Injectable()
export class DeskWithdrawalService {
  constructor(
    private readonly tx: Transactions,
    private readonly desk: CitizenDeskService,
    private readonly cases: CasesService,
    private readonly withdrawal: WithdrawCaseUseCase,
    private readonly audit: AuditService,
  ) {}

  async page(operator: OperatorPrincipal, cf: string, caseId: string, form: Record<string, unknown> = {}, errors: FieldError[] = []): Promise<object> {
    const { citizen, view } = await this.visible(operator, cf, caseId);
    const name = `${citizen.givenName} ${citizen.familyName}`.trim();
    const errorOf = (field: string) => errors.find((e) => e.field === field)?.message ?? null;
    return {
      title: `Ritiro della pratica ${view.code}`,
      breadcrumbs: [{ label: 'Sportello', href: '/console/sportello' }, { label: name || citizen.fiscalCode, href: citizenHref(citizen.fiscalCode) }, { label: `Ritiro ${view.code}` }],
      person: { ...citizen, name },
      case: view,
      form,
      errors: errors.length ? errors : null,
      error: { motivo: errorOf('motivo'), identificazione: errorOf('identificazione') },
      identifications: IDENTIFICATIONS.map((value) => ({ value, label: M.identificationLabels[value], checked: form.identificazione === value })),
      action: `${citizenHref(citizen.fiscalCode)}/pratiche/${caseId}/ritiro`,
      backHref: citizenHref(citizen.fiscalCode),
    };
  }

  async withdraw(operator: OperatorPrincipal, cf: string, caseId: string, body: Record<string, unknown>, address: string | undefined): Promise<{ done: true; href: string } | { view: object }> {
    const { citizen } = await this.visible(operator, cf, caseId);
    const reason = typeof body.motivo === 'string' ? body.motivo.trim() : '';
    const identification = typeof body.identificazione === 'string' ? body.identificazione : '';
    const errors: FieldError[] = [];
    if (reason.length < 1 || reason.length > 1000) errors.push({ field: 'motivo', message: M.withdrawalReasonRequired });
    if (!(IDENTIFICATIONS as readonly string[]).includes(identification)) errors.push({ field: 'identificazione', message: M.identificationRequired });
    if (errors.length) return { view: await this.page(operator, cf, caseId, body, errors) };
    const name = `${citizen.givenName} ${citizen.familyName}`.trim() || citizen.fiscalCode;
    await this.tx.run(async () => {
      await this.withdrawal.withdraw(caseId, { kind: 'citizen', fiscalCode: citizen.fiscalCode, name }, reason, { operatorId: operator.userId, identification: identification as Identification });
      await this.audit.record({ actor: auditActorOf(operator), action: 'case.withdraw-on-behalf', resource: { type: 'case', id: caseId }, channel: 'desk', address: address ?? null });
    });
    return { done: true, href: `${citizenHref(citizen.fiscalCode)}?ritirata=1` };
  }

  private async visible(operator: OperatorPrincipal, cf: string, caseId: string) {
    if (!operator.desk) throw new WebForbiddenException();
    const citizen = await this.desk.citizen(cf);
    if (!(await this.desk.visibleCaseIds(operator, citizen.fiscalCode)).includes(caseId)) throw new DeskNotFoundException(M.caseNotFound);
    return { citizen, view: await this.cases.viewForTask(caseId) };
  }
}
