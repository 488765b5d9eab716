import { FORBIDDEN_SEGMENTS, isRecord } from './data-path';
import { feelSyntaxError, isFeelExpression } from './feel';
import { COMPONENT_KINDS, isRepeating } from './form-components';
import type { FormSchema } from './form-schema.types';

/**
 * Problems that make form-js 1.23 refuse a schema on import, or make a rule silently
 * meaningless, each naming the component. An empty list means the catalogue may load the form.
 * Messages are for the analysts who author forms, so they are in English like the loader's.
 */
export function checkFormSchema(json: unknown, expectedId?: string): string[] {
  if (!isRecord(json)) {
    return ['form schema is not a JSON object'];
  }
  const problems: string[] = [];
  if (typeof json.id !== 'string' || json.id === '') {
    problems.push('form schema has no "id"');
  } else if (expectedId !== undefined && json.id !== expectedId) {
    problems.push(`form id "${json.id}" does not match the expected "${expectedId}"`);
  }
  if (json.type !== undefined && json.type !== 'default') {
    problems.push(`form schema "type" must be "default", found "${String(json.type)}"`);
  }
  if (!Array.isArray(json.components)) {
    problems.push('form schema has no "components" array');
    return problems;
  }
  const checker = new SchemaChecker(problems);
  checker.checkChildren(json.components, [], [], 'components');
  return problems;
}

/** A narrowing helper for callers that checked the schema first. */
export function isFormSchema(json: unknown): json is FormSchema {
  return checkFormSchema(json).length === 0;
}

interface PathNode {
  children: Map<string, PathNode> | null;
  repeaterOwner?: number;
}

class SchemaChecker {
  private readonly ids = new Set<string>();
  private readonly paths: PathNode = { children: new Map() };
  private nextOwner = 0;

  constructor(private readonly problems: string[]) {}

  checkChildren(components: unknown[], prefix: string[], repeaters: number[], location: string): void {
    components.forEach((component, index) => this.checkComponent(component, prefix, repeaters, `${location}[${index}]`));
  }

  private checkComponent(component: unknown, prefix: string[], repeaters: number[], location: string): void {
    if (!isRecord(component)) {
      this.problems.push(`${location}: component is not an object`);
      return;
    }
    const name = describe(component, location);
    const type = component.type;
    if (typeof type !== 'string' || !Object.hasOwn(COMPONENT_KINDS, type) || type === 'default') {
      this.problems.push(`${name}: unknown component type "${String(type)}"`);
      return;
    }
    const kind = COMPONENT_KINDS[type];
    if (typeof component.id === 'string') {
      if (this.ids.has(component.id)) this.problems.push(`${name}: duplicate id "${component.id}"`);
      this.ids.add(component.id);
    }
    this.checkExpressions(component, name);
    if (type === 'number') this.checkNumber(component, name);
    if (type === 'datetime' && component.subtype !== undefined && !['date', 'time', 'datetime'].includes(String(component.subtype))) {
      this.problems.push(`${name}: unknown datetime subtype "${String(component.subtype)}"`);
    }
    if (component.values !== undefined && !Array.isArray(component.values)) {
      this.problems.push(`${name}: "values" must be an array of options`);
    }

    let path = prefix;
    let ownRepeaters = repeaters;
    if (kind.keyed) {
      const segments = this.segments(component.key, name, 'key');
      if (segments) this.claim([...prefix, ...segments], 'closed', repeaters, name);
    } else if (kind.pathed) {
      const repeating = isRepeating(component as { type: string; isRepeating?: boolean });
      if (repeating && (typeof component.path !== 'string' || component.path === '')) {
        this.problems.push(`${name}: a dynamic list needs a "path"`);
      } else if (component.path !== undefined && component.path !== '') {
        const segments = this.segments(component.path, name, 'path');
        if (segments) {
          path = [...prefix, ...segments];
          const owner = this.claim(path, repeating ? 'repeatable' : 'open', repeaters, name);
          if (repeating && owner !== null) ownRepeaters = [...repeaters, owner];
        }
      }
    }
    if (component.components !== undefined) {
      if (!Array.isArray(component.components)) {
        this.problems.push(`${name}: "components" must be an array`);
      } else {
        this.checkChildren(component.components, path, ownRepeaters, `${location}.components`);
      }
    }
  }

  private segments(value: unknown, name: string, property: 'key' | 'path'): string[] | null {
    if (typeof value !== 'string' || value === '') {
      this.problems.push(`${name}: missing "${property}"`);
      return null;
    }
    const segments = value.split('.');
    if (segments.some((segment) => segment === '' || FORBIDDEN_SEGMENTS.has(segment))) {
      this.problems.push(`${name}: invalid ${property} "${value}"`);
      return null;
    }
    return segments;
  }

  /**
   * form-js `PathRegistry.canClaimPath`: an input's path must not pass through or land on another
   * binding; a container may share an open path; a list's path belongs to the list and its children.
   */
  private claim(path: string[], mode: 'closed' | 'open' | 'repeatable', repeaters: number[], name: string): number | null {
    const conflict = this.claimConflict(path, mode, repeaters);
    if (conflict) {
      this.problems.push(`${name}: binding path "${path.join('.')}" is already claimed by ${conflict}`);
      return null;
    }
    let node = this.paths;
    for (const segment of path) {
      const children = node.children as Map<string, PathNode>;
      let next = children.get(segment);
      if (!next) {
        next = { children: new Map() };
        children.set(segment, next);
      }
      node = next;
    }
    if (mode === 'closed') node.children = null;
    if (mode !== 'repeatable') return null;
    this.nextOwner += 1;
    node.repeaterOwner = this.nextOwner;
    return this.nextOwner;
  }

  private claimConflict(path: string[], mode: 'closed' | 'open' | 'repeatable', repeaters: number[]): string | null {
    let node: PathNode | undefined = this.paths;
    for (const segment of path) {
      node = node.children?.get(segment);
      if (!node) return null;
      if (node.repeaterOwner !== undefined && !repeaters.includes(node.repeaterOwner)) return 'a dynamic list';
      if (node.children === null) return 'another field';
    }
    return mode === 'open' ? null : 'another field or container';
  }

  private checkExpressions(component: Record<string, unknown>, name: string): void {
    const conditional = component.conditional;
    if (isRecord(conditional) && conditional.hide !== undefined) {
      this.checkFeel(conditional.hide, 'unaryTest', `${name}: conditional.hide`, true);
    }
    const validate = component.validate;
    if (validate !== undefined && !isRecord(validate)) {
      this.problems.push(`${name}: "validate" must be an object`);
    }
    if (isRecord(validate)) {
      for (const property of ['min', 'max', 'minLength', 'maxLength']) {
        if (isFeelExpression(validate[property])) this.checkFeel(validate[property], 'expression', `${name}: validate.${property}`, false);
      }
      if (validate.pattern !== undefined) this.checkPattern(validate.pattern, name);
      if (validate.validationType !== undefined && !['', 'email', 'phone'].includes(String(validate.validationType))) {
        this.problems.push(`${name}: unknown validate.validationType "${String(validate.validationType)}"`);
      }
    }
    if (component.valuesExpression !== undefined) this.checkFeel(component.valuesExpression, 'expression', `${name}: valuesExpression`, true);
    if (component.type === 'expression') this.checkFeel(component.expression, 'expression', `${name}: expression`, true);
    if (isFeelExpression(component.readonly)) this.checkFeel(component.readonly, 'unaryTest', `${name}: readonly`, false);
  }

  private checkFeel(value: unknown, mode: 'expression' | 'unaryTest', label: string, mustBeFeel: boolean): void {
    if (!isFeelExpression(value)) {
      if (mustBeFeel) this.problems.push(`${label} must be a FEEL expression starting with "="`);
      return;
    }
    const error = feelSyntaxError(value.slice(1), mode);
    if (error) this.problems.push(`${label} is not valid FEEL (${error}): ${value}`);
  }

  private checkPattern(pattern: unknown, name: string): void {
    if (typeof pattern !== 'string') {
      this.problems.push(`${name}: validate.pattern must be a string`);
      return;
    }
    try {
      new RegExp(pattern);
    } catch (error) {
      this.problems.push(`${name}: validate.pattern is not a valid regular expression (${(error as Error).message})`);
    }
  }

  private checkNumber(component: Record<string, unknown>, name: string): void {
    const { decimalDigits, increment } = component;
    if (decimalDigits !== undefined && !(Number.isInteger(decimalDigits) && (decimalDigits as number) >= 0)) {
      this.problems.push(`${name}: decimalDigits must be a non-negative integer`);
    }
    if (increment !== undefined && increment !== '' && !(Number(increment) > 0)) {
      this.problems.push(`${name}: increment must be a positive number`);
    }
  }
}

function describe(component: Record<string, unknown>, location: string): string {
  const type = typeof component.type === 'string' ? component.type : 'component';
  const handle = component.key ?? component.path ?? component.id;
  return typeof handle === 'string' && handle !== '' ? `${type} "${handle}"` : `${type} at ${location}`;
}
