import { principalFromArgs } from './token';

describe('npm run token arguments', () => {
  it('given a demo citizen fiscal code only, when parsed, then the demo names are used', () => {
    // when
    const { principal } = principalFromArgs(['--citizen', 'tinit-RSSMRA80A01H501U']);
    // then
    expect(principal).toEqual({
      kind: 'citizen',
      fiscalCode: 'RSSMRA80A01H501U',
      givenName: 'Mario',
      familyName: 'Rossi',
      email: 'mario.rossi@example.it',
    });
  });

  it('given --operator --desk, when parsed, then a front-desk operator; --desk without --operator is refused', () => {
    // when
    const { principal } = principalFromArgs(['--operator', '--office', 'anagrafe', '--desk', '--user', 'francesca.lombardi']);
    // then
    expect(principal).toMatchObject({ kind: 'operator', userId: 'francesca.lombardi', offices: ['anagrafe'], desk: true });
    expect(() => principalFromArgs(['--analyst', '--desk'])).toThrow('--desk is for an --operator');
  });

  it('given an operator with two offices, a head role and a ttl, when parsed, then all are kept', () => {
    // when
    const parsed = principalFromArgs(['--operator', '--office', 'anagrafe', '--office', 'suap', '--head', 'anagrafe', '--user', 'op1', '--ttl', '600']);
    // then
    expect(parsed).toEqual({
      principal: { kind: 'operator', userId: 'op1', name: 'op1', offices: ['anagrafe', 'suap'], headOf: ['anagrafe'] },
      ttl: 600,
    });
  });

  it.each([
    [['--citizen', 'RSSMRA80A01H501X'], /carattere di controllo/],
    [['--citizen', 'BNCLRA90E45H501Z'], /carattere di controllo/],
    [['--citizen', 'MRTMTT25D09F205Z'], /--name and --surname/],
    [['--operator'], /at least one --office/],
    [['--admin', '--analyst'], /exactly one/],
    [['--admin', '--ttl', 'ten'], /--ttl/],
  ])('given %j, when parsed, then the problem is explained', (argv, message) => {
    // when / then
    expect(() => principalFromArgs(argv)).toThrow(message);
  });
});
