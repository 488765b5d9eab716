import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffDiagrams, diffFormFields, diffMetadata, formFieldKeys } from './semantic-diff';

const SHIPPED = readFileSync(join(__dirname, '../../../processes/certificato-residenza.bpmn'), 'utf8');

describe('semantic diff of a draft against the current version', () => {
  it('given the same diagram with its layout moved, when diffed, then nothing differs', async () => {
    // given
    const moved = SHIPPED.replace(/x="(\d+)"/g, (_m, x: string) => `x="${Number(x) + 10}"`);
    // when
    const diff = await diffDiagrams(SHIPPED, moved);
    // then
    expect(diff).toEqual({ added: [], removed: [], changed: [] });
  });

  it('given a renamed task, a new office and a new citizen message, when diffed, then each shows as added, removed or changed with the facts that differ', async () => {
    // given
    const draft = SHIPPED.replace(/Task_Verifica/g, 'Task_Controllo')
      .replace('camunda:candidateGroups="anagrafe"', 'camunda:candidateGroups="protocollo"')
      .replace('value="La richiesta di certificato di residenza è stata inviata."', 'value="Domanda ricevuta."')
      .replace('default="Flow_Esito_Rifiutata"', 'default="Flow_Esito_Accettata"');
    // when
    const diff = await diffDiagrams(SHIPPED, draft);
    // then
    expect(diff.added).toEqual([{ id: 'Task_Controllo', type: 'userTask', name: 'Verifica anagrafica' }]);
    expect(diff.removed).toEqual([{ id: 'Task_Verifica', type: 'userTask', name: 'Verifica anagrafica' }]);
    expect(diff.changed).toEqual(
      expect.arrayContaining([
        { id: 'Start', type: 'startEvent', name: 'Richiesta presentata', changed: ['property:citizenMessage'] },
        { id: 'Flow_Start_Verifica', type: 'sequenceFlow', name: '', changed: ['targetRef'] },
        { id: 'Gateway_Esito', type: 'exclusiveGateway', name: 'Esito della verifica', changed: ['default'] },
      ]),
    );
  });

  it('given form schemas with nested groups, when their fields are compared, then added and removed keys are listed and an unchanged form gives null', () => {
    // given
    const before = { components: [{ type: 'group', components: [{ key: 'nome' }, { key: 'email' }] }, { key: 'note' }] };
    const after = { components: [{ type: 'group', components: [{ key: 'nome' }] }, { key: 'note' }, { key: 'telefono' }] };
    // then
    expect(formFieldKeys(before)).toEqual(['nome', 'email', 'note']);
    expect(diffFormFields('f', before, after)).toEqual({ formKey: 'f', added: ['telefono'], removed: ['email'], changed: [] });
    expect(diffFormFields('f', before, before)).toBeNull();
    expect(diffFormFields('g', null, after)).toEqual({ formKey: 'g', added: ['nome', 'note', 'telefono'], removed: [], changed: [] });
  });

  it('given a field whose label changed and one only moved in the layout, when the forms are compared, then only the relabelled field is listed as changed', () => {
    // given
    const before = { components: [{ key: 'nome', id: 'A', label: 'Nome', layout: { row: 'r1' } }, { key: 'note', label: 'Note', validate: { maxLength: 10, required: true } }] };
    const after = { components: [{ key: 'nome', id: 'B', label: 'Nome', layout: { row: 'r2' } }, { key: 'note', label: 'Annotazioni', validate: { required: true, maxLength: 10 } }] };
    // then
    expect(diffFormFields('f', before, after)).toEqual({ formKey: 'f', added: [], removed: [], changed: ['note'] });
  });

  it('given procedure metadata, when compared, then only the differing fields come back as text', () => {
    expect(diffMetadata({ title: 'A', legalDays: 30, lifeEvents: ['x', 'y'], feeCents: null }, { title: 'A', legalDays: 20, lifeEvents: ['x', 'y'], feeCents: 1600 })).toEqual([
      { field: 'legalDays', before: '30', after: '20' },
      { field: 'feeCents', before: '', after: '1600' },
    ]);
    expect(diffMetadata(null, { title: 'Nuovo' })).toEqual([{ field: 'title', before: '', after: 'Nuovo' }]);
  });
});
