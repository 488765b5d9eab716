import { Injectable } from '@nestjs/common';
import { CasesService, CaseView } from '../../cases';
import { CatalogueService, FormVersion } from '../../catalogue';
import { TasksService } from '../tasks.service';
import { TaskActor, TaskView } from '../tasks.types';
import { AttachmentRef, attachmentRefs } from './attachment-refs';

export interface TaskDetailView extends TaskView {
  /** The case as the office sees it, with the submitted data and its attachments. */
  case: CaseView & { data: Record<string, unknown>; attachments: AttachmentRef[] };
  /** The task's form at the version deployed with the case's model version. */
  form: FormVersion | null;
}

/** Everything a screen needs to work a task: the task, its case (data, attachments, timeline, clock) and its form. */
@Injectable()
export class TaskDetailUseCase {
  constructor(
    private readonly tasks: TasksService,
    private readonly cases: CasesService,
    private readonly catalogue: CatalogueService,
  ) {}

  async get(id: string, actor: TaskActor): Promise<TaskDetailView> {
    const task = await this.tasks.get(id, actor);
    const row = await this.cases.row(task.caseId);
    const view = await this.cases.viewForTask(task.caseId);
    const form = task.formKey ? await this.tasks.formOf(task.formKey, task.caseId) : null;
    const startForm = row.model_version_id ? await this.catalogue.startFormForModel(row.procedure_key, row.model_version_id) : null;
    return {
      ...task,
      case: { ...view, data: row.data, attachments: startForm ? attachmentRefs(startForm.schema, row.data) : [] },
      form,
    };
  }
}
