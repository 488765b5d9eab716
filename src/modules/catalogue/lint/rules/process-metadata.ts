import { camundaProperties } from '../../moddle-helpers';
import { LintRuleFactory, ruleFor } from '../lint-types';

export const SPID_LEVELS = ['1', '2', '3', 'none'];
const REQUIRED = ['title', 'office', 'category', 'legalBasis', 'legalDays', 'spidLevel'];

/** The procedure's catalogue metadata (ARCHITECTURE.md §6) as camunda:properties of the executable process. */
const processMetadata: LintRuleFactory = (config = {}) => {
  const offices = new Set(config.officeKeys ?? []);
  return ruleFor(['bpmn:Process'], (proc, report) => {
    if (proc.isExecutable !== true) return;
    const props = new Map<string, string>();
    for (const { name, value } of camundaProperties(proc)) {
      if (props.has(name)) report(proc, `property "${name}" is declared twice`);
      props.set(name, value.trim());
    }
    for (const name of REQUIRED) {
      const value = props.get(name);
      if (value === undefined) report(proc, `property "${name}" is missing`);
      else if (value === '') report(proc, `property "${name}" is empty`);
      else if (name === 'office' && !offices.has(value)) report(proc, `property "office": office "${value}" not found in processes/offices.json`);
      else if (name === 'legalDays' && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 180)) {
        report(proc, `property "legalDays" must be a whole number of days from 1 to 180, found "${value}"`);
      } else if (name === 'spidLevel' && !SPID_LEVELS.includes(value)) report(proc, `property "spidLevel" must be 1, 2, 3 or none, found "${value}"`);
    }
    const fee = props.get('fee');
    if (fee !== undefined && !/^\d+$/.test(fee)) report(proc, `property "fee" must be a whole number of euro cents (0 or more), found "${fee}"`);
    const lifeEvents = props.get('lifeEvents');
    if (lifeEvents && lifeEvents.split(',').some((e) => e.trim() === '')) {
      report(proc, `property "lifeEvents" must be a comma-separated list without empty items, found "${lifeEvents}"`);
    }
  });
};

export default processMetadata;
