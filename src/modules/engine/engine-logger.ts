import type { Logger } from 'pino';

/**
 * The logger handed to bpmn-server. The engine reports failures by calling `error()` and
 * expects it to end the call; ours throws, so the engine call rejects. Everything else is a
 * cheap no-op (the stock logger keeps every message in memory, never trimmed), except that
 * at `trace` level the engine's chatter goes to pino.
 */
export class EngineLogger {
  private readonly trace: boolean;

  constructor(private readonly pino: Logger) {
    this.trace = pino.isLevelEnabled('trace');
  }

  setOptions(): void {}
  clear(): void {}
  get(): unknown[] {
    return [];
  }
  debug(...message: unknown[]): void {
    if (this.trace) this.pino.trace({ engine: message }, 'bpmn-server');
  }
  log(...message: unknown[]): void {
    if (this.trace) this.pino.trace({ engine: message }, 'bpmn-server');
  }
  logS(...message: unknown[]): void {
    this.log(...message);
  }
  logE(...message: unknown[]): void {
    this.log(...message);
  }
  info(...message: unknown[]): void {
    this.log(...message);
  }
  warn(...message: unknown[]): void {
    this.pino.warn({ engine: message }, 'bpmn-server warning');
  }
  error(err: unknown): never {
    throw err instanceof Error ? err : new Error(typeof err === 'string' ? err : JSON.stringify(err));
  }
  reportError(err: unknown): void {
    this.pino.error({ err }, 'bpmn-server error');
  }
  async save(): Promise<void> {}
  async saveForInstance(): Promise<void> {}
}
