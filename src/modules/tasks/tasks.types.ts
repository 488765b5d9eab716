export interface TaskView {
  id: string;
  caseId: string;
  office: string;
  elementId: string;
  name: string | null;
  formKey: string | null;
  status: 'open' | 'completed' | 'cancelled';
  assignee: string | null;
  claimedAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  dueAt: string | null;
  procedure: { key: string; title: string };
  citizenName: string;
  protocolNumber: string | null;
  version: number;
}

export interface TaskRow {
  id: string;
  office: string;
  case_id: string;
  instance_id: string;
  element_id: string;
  name: string | null;
  form_key: string | null;
  status: TaskView['status'];
  assignee: string | null;
  claimed_at: Date | null;
  created_at: Date;
  completed_at: Date | null;
  due_at: string | null;
  procedure_key: string;
  procedure_title: string;
  citizen_name: string;
  protocol_number: string | null;
  version: number;
  completed_by?: string | null;
  /** The step an office task announces to the citizen when first claimed (its element's citizenStatus). */
  citizen_status?: string | null;
  citizen_message?: string | null;
}

export interface InboxQuery {
  offices: string[];
  office?: string;
  procedure?: string;
  /** open = all open, claimed = someone has it, unclaimed = nobody has it (open tasks only). */
  status: 'open' | 'claimed' | 'unclaimed';
  /** open tasks (the inbox) or completed ones. */
  state?: 'open' | 'completed';
  /** With state=completed: completed by this operator (`operator:<id>`), else by anyone in the offices. */
  completedBy?: string;
  assignee?: string;
  dueBefore?: string;
  text?: string;
  sort: 'created' | 'due' | 'completed';
  limit: number;
  cursor?: { k: string | null; id: string };
}

/** Who acts on a task. */
export type TaskActor =
  | { kind: 'operator'; userId: string; offices: string[]; headOf: string[] }
  | { kind: 'citizen'; fiscalCode: string };

export const toTaskView = (r: TaskRow): TaskView => ({
  id: r.id,
  caseId: r.case_id,
  office: r.office,
  elementId: r.element_id,
  name: r.name,
  formKey: r.form_key,
  status: r.status,
  assignee: r.assignee,
  claimedAt: r.claimed_at,
  createdAt: r.created_at,
  completedAt: r.completed_at,
  completedBy: r.completed_by ?? null,
  dueAt: r.due_at ? String(r.due_at).slice(0, 10) : null,
  procedure: { key: r.procedure_key, title: r.procedure_title },
  citizenName: r.citizen_name,
  protocolNumber: r.protocol_number,
  version: r.version,
});
