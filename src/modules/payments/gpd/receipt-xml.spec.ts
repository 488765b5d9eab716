import { receiptFromXml } from './receipt-xml';

/** A paSendRT request as the receipts service returns it (the receipt's leaf elements). */
const paSendRt = (over: { amount?: string; dateTime?: string; drop?: string } = {}) => {
  const receipt = `
      <receiptId>c8b2f3a9d1e24f6b9a7e0c5d4b3a2f10</receiptId>
      <noticeNumber>301202600000000103</noticeNumber>
      <fiscalCode>01234567890</fiscalCode>
      <outcome>OK</outcome>
      <creditorReferenceId>01202600000000103</creditorReferenceId>
      <paymentAmount>${over.amount ?? '312.40'}</paymentAmount>
      <description>Canone occupazione suolo pubblico - pratica SP-ABCDE</description>
      <companyName>Comune di Vallefiorita &amp; frazioni</companyName>
      <debtor>
        <uniqueIdentifier><entityUniqueIdentifierType>F</entityUniqueIdentifierType><entityUniqueIdentifierValue>FRRGLI90C41L736Q</entityUniqueIdentifierValue></uniqueIdentifier>
        <fullName>Giulia Ferrari</fullName>
      </debtor>
      <transferList><transfer><idTransfer>1</idTransfer><transferAmount>312.40</transferAmount><fiscalCodePA>01234567890</fiscalCodePA><IBAN>IT60X0542811101000000123456</IBAN></transfer></transferList>
      <idPSP>BCITITMM</idPSP>
      <paymentDateTime>${over.dateTime ?? '2026-11-30T10:15:00'}</paymentDateTime>
      <applicationDate>2026-11-30</applicationDate>`;
  const body = over.drop ? receipt.replace(new RegExp(`<${over.drop}>[^<]*</${over.drop}>`), '') : receipt;
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd">
  <soapenv:Body><pafn:paSendRTReq><idPA>01234567890</idPA><idBrokerPA>01234567890</idBrokerPA><idStation>01234567890_01</idStation>
    <receipt>${body}</receipt>
  </pafn:paSendRTReq></soapenv:Body></soapenv:Envelope>`;
};

describe('receiptFromXml (the receipts service answers paSendRT XML)', () => {
  it('given a receipt, when mapped, then the port Receipt has the IUV, NAV, debtor, amount in cents and the Rome time as an instant', () => {
    expect(receiptFromXml(paSendRt())).toEqual({
      receiptId: 'c8b2f3a9d1e24f6b9a7e0c5d4b3a2f10',
      organizationFiscalCode: '01234567890',
      iuv: '01202600000000103',
      noticeNumber: '301202600000000103',
      amount: 31240,
      debtorFiscalCode: 'FRRGLI90C41L736Q',
      paymentDateTime: '2026-11-30T09:15:00.000Z',
    });
  });

  it('given whole euros, an offset date-time or a summer date, when mapped, then cents and instants are exact', () => {
    expect(receiptFromXml(paSendRt({ amount: '48' })).amount).toBe(4800);
    expect(receiptFromXml(paSendRt({ amount: '0.5' })).amount).toBe(50);
    expect(receiptFromXml(paSendRt({ dateTime: '2026-07-01T10:00:00+02:00' })).paymentDateTime).toBe('2026-07-01T08:00:00.000Z');
    expect(receiptFromXml(paSendRt({ dateTime: '2026-07-01T10:00:00' })).paymentDateTime).toBe('2026-07-01T08:00:00.000Z');
  });

  it('given a receipt without its IUV or with a malformed amount, when mapped, then the error names the element', () => {
    expect(() => receiptFromXml(paSendRt({ drop: 'creditorReferenceId' }))).toThrow('<creditorReferenceId> is missing');
    expect(() => receiptFromXml(paSendRt({ amount: '312,40' }))).toThrow('paymentAmount "312,40"');
  });
});
