/** bpmnlint ships JavaScript without declarations for its rules and entry point; these are the parts we call. */
declare module 'bpmnlint/rules/*' {
  const factory: (config?: unknown) => { check: unknown };
  export = factory;
}

declare module 'bpmnlint' {
  export interface BpmnlintReport {
    id?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
  }
  export interface BpmnlintResolver {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }
  export class Linter {
    constructor(options: { config?: { rules: Record<string, unknown> }; resolver: BpmnlintResolver });
    lint(root: unknown): Promise<Record<string, BpmnlintReport[]>>;
  }
}
