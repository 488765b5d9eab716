import { strToU8, zipSync } from 'fflate';
import { packProcedure, unpackProcedure } from './procedure-zip';
import { MODELER_MESSAGES } from './modeler.messages';

describe('procedure zip', () => {
  it('given a procedure, when packed and unpacked, then diagram, forms and offices come back unchanged', () => {
    // given
    const p = { key: 'prova', xml: '<definitions/>\n', forms: new Map([['richiesta-prova', { components: [] }]]), offices: [{ key: 'anagrafe', name: 'Anagrafe', email: 'a@example.it' }] };
    // when
    const { package: back, problems } = unpackProcedure(packProcedure(p, new Date('2026-11-30T05:00:00Z')), MODELER_MESSAGES.zip);
    // then
    expect(problems).toEqual([]);
    expect(back).toEqual(p);
  });

  it('given a zip with two diagrams, a stray file and bad JSON, when unpacked, then each problem names its file', () => {
    // given
    const bytes = zipSync({
      'processes/a.bpmn': strToU8('<a/>'),
      'processes/b.bpmn': strToU8('<b/>'),
      'forms/x.form.json': strToU8('[1]'),
      'script.js': strToU8('alert(1)'),
    });
    // when
    const { problems } = unpackProcedure(bytes, MODELER_MESSAGES.zip);
    // then
    expect(problems.map((p) => p.file)).toEqual(['processes/b.bpmn', 'forms/x.form.json', 'script.js']);
  });

  it('given bytes that are not a zip, or a zip without a diagram, when unpacked, then the zip itself is refused', () => {
    expect(unpackProcedure(strToU8('ciao'), MODELER_MESSAGES.zip)).toEqual({ package: null, problems: [{ file: '', message: expect.stringContaining('non è uno zip') }] });
    expect(unpackProcedure(zipSync({ 'forms/x.form.json': strToU8('{}') }), MODELER_MESSAGES.zip).problems).toEqual([{ file: '', message: MODELER_MESSAGES.zip.noDiagram }]);
  });
});
