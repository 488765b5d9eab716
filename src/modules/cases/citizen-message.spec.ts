import { citizenMessage } from './citizen-message';

describe('citizenMessage', () => {
  it('given placeholders naming process fields, when rendered, then they hold what the office wrote', () => {
    expect(citizenMessage("L'ufficio chiede: {{richiestaIntegrazione}}", { richiestaIntegrazione: '  Allegare la DSU aggiornata ' })).toBe("L'ufficio chiede: Allegare la DSU aggiornata");
    expect(citizenMessage('Canone: {{ decisione.canoneEuro }} euro', { decisione: { canoneEuro: 120.5 } })).toBe('Canone: 120.5 euro');
  });

  it('given a missing, object or list field, when rendered, then nothing of it reaches the citizen', () => {
    expect(citizenMessage('Motivo: {{motivazione}}', {})).toBe('Motivo:');
    expect(citizenMessage('{{richiedente}}', { richiedente: { nome: 'Mario' } })).toBe('');
    expect(citizenMessage('{{allegati}}', { allegati: ['a', 'b'] })).toBe('');
    expect(citizenMessage('{{richiedente.nome.x}}', { richiedente: { nome: 'Mario' } })).toBe('');
  });

  it('given text that only looks like a placeholder, when rendered, then it stays as written', () => {
    expect(citizenMessage('Nessun {{ campo con spazi }} qui', { campo: 'x' })).toBe('Nessun {{ campo con spazi }} qui');
    expect(citizenMessage('Testo semplice.', { a: 1 })).toBe('Testo semplice.');
  });

  it('given a very long value, when rendered, then it is cut', () => {
    expect(citizenMessage('{{t}}', { t: 'x'.repeat(5000) })).toHaveLength(2001);
  });
});
