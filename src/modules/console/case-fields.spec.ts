import { fieldIdsByKey, readableFields } from './case-fields';

const schema = {
  components: [
    { type: 'text', id: 'Intro', text: '# Domanda' },
    { type: 'group', id: 'Richiedente', label: 'Dati del richiedente', path: 'richiedente', components: [
      { type: 'textfield', id: 'Nome', key: 'nome', label: 'Nome' },
      { type: 'checkbox', id: 'Privacy', key: 'privacy', label: 'Consenso' },
    ] },
    { type: 'select', id: 'Tipo', key: 'tipo', label: 'Tipo di occupazione', values: [{ label: 'Dehors', value: 'dehors' }] },
    { type: 'number', id: 'Mq', key: 'mq', label: 'Superficie (m²)' },
    { type: 'filepicker', id: 'Planimetria', key: 'planimetria', label: 'Planimetria' },
    { type: 'dynamiclist', id: 'Figli', label: 'Figlio', path: 'figli', components: [{ type: 'textfield', id: 'NomeFiglio', key: 'nome', label: 'Nome del figlio' }] },
    { type: 'textfield', id: 'Note', key: 'note', label: 'Note' },
  ],
};

describe('readableFields', () => {
  it('labels every submitted value from the start form, with groups and list items as sections', () => {
    const sections = readableFields(schema, {
      richiedente: { nome: 'Mario', privacy: true },
      tipo: 'dehors',
      mq: 12.5,
      planimetria: ['7b1d0f0e-0000-4000-8000-000000000001'],
      figli: [{ nome: 'Luca' }, { nome: 'Anna' }],
      segreto: 'not in the form',
    });
    expect(sections).toEqual([
      { heading: null, fields: [
        { label: 'Tipo di occupazione', text: 'Dehors', fileIds: [] },
        { label: 'Superficie (m²)', text: '12,5', fileIds: [] },
        { label: 'Planimetria', text: '', fileIds: ['7b1d0f0e-0000-4000-8000-000000000001'] },
        { label: 'Note', text: '—', fileIds: [] },
      ] },
      { heading: 'Dati del richiedente', fields: [{ label: 'Nome', text: 'Mario', fileIds: [] }, { label: 'Consenso', text: 'Sì', fileIds: [] }] },
      { heading: 'Figlio 1', fields: [{ label: 'Nome del figlio', text: 'Luca', fileIds: [] }] },
      { heading: 'Figlio 2', fields: [{ label: 'Nome del figlio', text: 'Anna', fileIds: [] }] },
    ]);
    expect(JSON.stringify(sections)).not.toContain('not in the form');
  });

  it('shows nothing without a start form', () => {
    expect(readableFields(null, { a: 1 })).toEqual([]);
  });

  it('maps data keys to form-js field ids, through group paths', () => {
    expect(fieldIdsByKey(schema)).toMatchObject({ 'richiedente.nome': 'Nome', tipo: 'Tipo', planimetria: 'Planimetria' });
  });
});
