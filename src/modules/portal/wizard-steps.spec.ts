import type { FormSchema } from '../forms';
import { fieldIds, stepOfFields, summaryRows, topLevelKeys, wizardSteps } from './wizard-steps';

const schema: FormSchema = {
  id: 'f',
  type: 'default',
  components: [
    { type: 'text', id: 'Intro', text: '# Domanda' },
    { type: 'group', id: 'Richiedente', label: 'Dati del richiedente', path: 'richiedente', components: [{ type: 'textfield', id: 'Nome', key: 'nome', label: 'Nome' }] },
    { type: 'radio', id: 'Tipo', key: 'tipo', label: 'Tipo', values: [{ label: 'Residenza', value: 'residenza' }] },
    { type: 'datetime', id: 'Data', key: 'data', subtype: 'date', dateLabel: 'Data di inizio' },
    { type: 'group', id: 'Luogo', label: 'Luogo', path: 'luogo', components: [{ type: 'textfield', id: 'Via', key: 'via', label: 'Via' }] },
    { type: 'checkbox', id: 'Dichiarazione', key: 'dichiarazioneVeridicita', label: 'Dichiaro' },
    { type: 'checkbox', id: 'Privacy', key: 'presaVisionePrivacy', label: 'Privacy' },
  ],
};

describe('wizard steps', () => {
  it('given a start form, when it is split into steps, then each top-level group is a step, loose fields one more, declarations last', () => {
    expect(wizardSteps(schema)).toEqual([
      { title: 'Dati del richiedente', ids: ['Intro', 'Richiedente'] },
      { title: 'Dati della domanda', ids: ['Tipo', 'Data'] },
      { title: 'Luogo', ids: ['Luogo'] },
      { title: 'Dichiarazioni e privacy', ids: ['Dichiarazione', 'Privacy'] },
    ]);
  });

  it('given server field errors, when they are mapped back, then each dotted path finds its component and step', () => {
    const ids = fieldIds(schema);
    expect(ids['richiedente.nome']).toBe('Nome');
    expect(ids['luogo.via']).toBe('Via');
    expect(stepOfFields(schema, wizardSteps(schema))).toMatchObject({ Nome: 0, Tipo: 1, Via: 2, Privacy: 3 });
  });

  it('given the form, when a draft names its keys, then only the keys the form can produce are accepted', () => {
    expect([...topLevelKeys(schema)].sort()).toEqual(['data', 'dichiarazioneVeridicita', 'luogo', 'presaVisionePrivacy', 'richiedente', 'tipo']);
  });

  it('given cleaned data, when summarised, then labels, option labels, dates and booleans read in Italian', () => {
    const rows = summaryRows(schema, { richiedente: { nome: 'Mario' }, tipo: 'residenza', data: '2026-06-01', luogo: { via: 'Via Roma' }, dichiarazioneVeridicita: true });
    expect(rows).toEqual([
      { section: 'Dati del richiedente', rows: [{ label: 'Nome', value: 'Mario' }] },
      { section: 'Dati della domanda', rows: [{ label: 'Tipo', value: 'Residenza' }, { label: 'Data di inizio', value: '01/06/2026' }, { label: 'Dichiaro', value: 'Sì' }] },
      { section: 'Luogo', rows: [{ label: 'Via', value: 'Via Roma' }] },
    ]);
  });
});
