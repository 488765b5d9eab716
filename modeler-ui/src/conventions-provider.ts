import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { ModelerContext } from './api';
import { getCamundaProperty, setCamundaProperty } from './camunda-properties';
import { M } from './messages';

type Element = { businessObject: any; id: string };
type Option = { value: string; label: string };
type Entry = { id: string; component: (props: { element: Element; id: string }) => unknown; isEdited: (node: unknown) => boolean };

const is = (element: Element, type: string): boolean => Boolean(element.businessObject?.$instanceOf?.(type));

/**
 * The object an element's camunda:properties live on: for a pool (bpmn:Participant) the process it
 * stands for (`processRef`), where the procedure metadata is; for anything else its own business object.
 * Entries call it with the element the panel renders them for (the selected shape), so a pool reads
 * and writes its process, and the command still names the selected shape (it is redrawn, undo works).
 */
export function propertiesOwner(element: Element): any {
  return is(element, 'bpmn:Participant') ? element.businessObject.processRef : element.businessObject;
}

/** A text entry bound to one camunda:property. */
function propertyText(name: keyof typeof M.fields): Entry {
  return {
    id: `sportello-${name}`,
    isEdited: isTextFieldEntryEdited,
    component: ({ element, id }) => {
      const injector = useService('injector');
      return TextFieldEntry({
        element,
        id,
        label: M.fields[name],
        debounce: useService('debounceInput'),
        getValue: () => getCamundaProperty(propertiesOwner(element), name),
        setValue: (value: string) => setCamundaProperty(injector, element, propertiesOwner(element), name, (value ?? '').trim()),
      });
    },
  };
}

/** A drop-down bound to one camunda:property. */
function propertySelect(name: keyof typeof M.fields, options: (element: Element) => Option[]): Entry {
  return {
    id: `sportello-${name}`,
    isEdited: isSelectEntryEdited,
    component: ({ element, id }) => {
      const injector = useService('injector');
      return SelectEntry({
        element,
        id,
        label: M.fields[name],
        getValue: () => getCamundaProperty(propertiesOwner(element), name),
        setValue: (value: string) => setCamundaProperty(injector, element, propertiesOwner(element), name, value ?? ''),
        getOptions: () => [{ value: '', label: M.none }, ...options(element)],
      });
    },
  };
}

/** A drop-down bound to an attribute of the element (camunda:formKey, camunda:candidateGroups, implementation). */
function attributeSelect(attribute: string, label: string, options: () => Option[]): Entry {
  return {
    id: `sportello-${attribute.replace(':', '-')}`,
    isEdited: isSelectEntryEdited,
    component: ({ element, id }) => {
      const modeling = useService('modeling');
      return SelectEntry({
        element,
        id,
        label,
        getValue: () => (element.businessObject.get(attribute) as string | undefined) ?? '',
        setValue: (value: string) => modeling.updateProperties(element, { [attribute]: value || undefined }),
        getOptions: () => {
          const current = (element.businessObject.get(attribute) as string | undefined) ?? '';
          const list = [{ value: '', label: M.none }, ...options()];
          // A value outside the catalogue stays visible (the lint marks it) instead of silently vanishing.
          return current && !list.some((o) => o.value === current) ? [...list, { value: current, label: `${current} (?)` }] : list;
        },
      });
    },
  };
}

function entriesFor(element: Element, ctx: ModelerContext): Entry[] {
  const offices = (): Option[] => ctx.offices.map((o) => ({ value: o.key, label: `${o.name} (${o.key})` }));
  const forms = (): Option[] => ctx.formKeys.map((k) => ({ value: k, label: k }));
  if (is(element, 'bpmn:Process') || (is(element, 'bpmn:Participant') && propertiesOwner(element))) {
    return [
      propertyText('title'),
      propertySelect('office', offices),
      propertyText('category'),
      propertyText('legalBasis'),
      propertyText('legalDays'),
      propertySelect('spidLevel', () => ctx.spidLevels.map((l) => ({ value: l, label: l }))),
      propertyText('fee'),
      propertyText('lifeEvents'),
    ];
  }
  if (!is(element, 'bpmn:FlowNode')) return [];
  const entries: Entry[] = [
    propertySelect('citizenStatus', (el) => (is(el, 'bpmn:EndEvent') ? ctx.outcomeStatuses : ctx.citizenStatuses).map((s) => ({ value: s, label: s }))),
    propertyText('citizenMessage'),
  ];
  if (is(element, 'bpmn:UserTask')) {
    entries.push(attributeSelect('camunda:candidateGroups', M.fields.candidateGroups, () => [...offices(), { value: ctx.citizenGroup, label: M.citizen }]));
    entries.push(attributeSelect('camunda:formKey', M.fields.formKey, forms));
  }
  if (is(element, 'bpmn:StartEvent')) entries.push(attributeSelect('camunda:formKey', M.fields.formKey, forms));
  if (is(element, 'bpmn:ServiceTask')) entries.push(attributeSelect('implementation', M.fields.implementation, () => ctx.serviceNames.map((s) => ({ value: s, label: s }))));
  return entries;
}

class SportelloPropertiesProvider {
  static $inject = ['propertiesPanel', 'sportelloContext'];

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
    private readonly ctx: ModelerContext,
  ) {
    propertiesPanel.registerProvider(400, this);
  }

  /**
   * One component function per entry id for the panel's lifetime: a new function on every render would
   * be a new component type to preact, which remounts the control and drops the keyboard focus after
   * each change (found by the keyboard-only browser test).
   */
  private readonly components = new Map<string, Entry['component']>();

  getGroups(element: Element) {
    return (groups: Array<{ id: string }>) => {
      const entries = entriesFor(element, this.ctx).map((entry) => {
        if (!this.components.has(entry.id)) this.components.set(entry.id, entry.component);
        return { ...entry, component: this.components.get(entry.id)! };
      });
      if (entries.length > 0) groups.splice(Math.min(1, groups.length), 0, { id: 'sportello', label: M.group, entries } as { id: string });
      return groups;
    };
  }
}

/** bpmn-js module: the "Convenzioni Sportello" group, with the catalogue (offices, forms, services) as drop-downs. */
export function sportelloPropertiesModule(ctx: ModelerContext) {
  return {
    __init__: ['sportelloPropertiesProvider'],
    sportelloContext: ['value', ctx],
    sportelloPropertiesProvider: ['type', SportelloPropertiesProvider],
  };
}
