import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Transactions } from '../../database';
import { DRY_RUN, DryRunLog, newDryRunLog, renameProcess, SANDBOX_KEY_PREFIX } from './dry-run';
import { EngineService } from './engine.service';
import { ModelElement } from './engine.types';
import { forgetParsedDefinition } from './runtime/bpmn-runtime';

/** What a dry run's work sees: the sandbox key to start, the draft's elements, what was skipped so far. */
export interface Sandbox {
  processKey: string;
  elements: Readonly<Record<string, ModelElement>>;
  log: DryRunLog;
}

/** Thrown to end the sandbox's transaction: everything it wrote is rolled back. */
class SandboxRollback extends Error {}

/**
 * Runs a draft in a sandbox that leaves nothing behind. The draft is deployed under a fresh key
 * that is not a procedure key (a version of the real key, even uncommitted, would be what this
 * process's models cache serves to real filings for a few seconds), in a transaction of its own
 * (never the caller's) that is always rolled back, with the dry-run log set so the engine calls no
 * service task, delivers no message or signal, runs no listener and opens no incident. After the
 * rollback the caches that outlive a transaction (model versions, parsed definitions) forget the
 * sandbox copy.
 */
@Injectable()
export class EngineSandbox {
  constructor(
    private readonly tx: Transactions,
    private readonly engine: EngineService,
  ) {}

  async run<T>(processKey: string, xml: string, work: (sandbox: Sandbox) => Promise<T>): Promise<T> {
    const sandboxKey = `${SANDBOX_KEY_PREFIX}${randomUUID().replace(/-/g, '')}`;
    const source = renameProcess(xml, processKey, sandboxKey);
    const log = newDryRunLog();
    let outcome: { value: T } | undefined;
    let versionId: string | undefined;
    try {
      await this.tx.detached(() =>
        this.tx.withSlot(DRY_RUN, log, async () => {
          const version = await this.engine.deploy(sandboxKey, source);
          versionId = version.id;
          const { elements } = await this.engine.models.byVersionId(version.id);
          outcome = { value: await work({ processKey: sandboxKey, elements, log }) };
          throw new SandboxRollback();
        }),
      );
    } catch (e) {
      if (!(e instanceof SandboxRollback)) throw e;
    } finally {
      if (versionId) this.engine.models.forget(sandboxKey, versionId, source);
      forgetParsedDefinition(source);
    }
    return outcome!.value;
  }
}
