import { passwordProblems } from './password-policy';

describe('staff password policy', () => {
  it.each([
    ['Breve1!', 'password', 'almeno 12'],
    ['tuttominuscolo', 'password', 'almeno tre'],
    ['Anna.Esposito-2026', 'password', 'nome utente'],
    [`Aa1!${'x'.repeat(130)}`, 'password', 'al massimo 128'],
  ])('given %s, when checked, then the field %s is refused (%s)', (password, field, words) => {
    const errors = passwordProblems(password, password, 'anna.esposito');
    expect(errors).toEqual([expect.objectContaining({ field })]);
    expect(errors[0].message).toContain(words);
  });

  it('given a strong password typed differently the second time, when checked, then only the confirmation is refused', () => {
    expect(passwordProblems('Campanile-di-Giotto-1334', 'Campanile-di-Giotto-1335', 'anna.esposito')).toEqual([expect.objectContaining({ field: 'conferma' })]);
  });

  it('given a strong password typed twice, when checked, then there is nothing to say', () => {
    expect(passwordProblems('Campanile-di-Giotto-1334', 'Campanile-di-Giotto-1334', 'anna.esposito')).toEqual([]);
  });
});
