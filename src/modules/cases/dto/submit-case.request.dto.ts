import { ApiProperty } from '@nestjs/swagger';

/** Body of POST /api/v1/cases: validated by the service against the procedure's start form. */
export class SubmitCaseRequestDto {
  @ApiProperty({ type: String, example: 'certificato-residenza', description: 'Procedure key from the catalogue' })
  procedureKey?: unknown;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The start form data (form-js keys); unknown fields are dropped',
    example: {
      richiedente: { nome: 'Mario', cognome: 'Rossi', codiceFiscale: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it' },
      tipoCertificato: 'residenza',
      numeroCopie: 1,
      esenzioneBollo: false,
      modalitaRitiro: 'online',
      dichiarazioneVeridicita: true,
      presaVisionePrivacy: true,
    },
  })
  data?: unknown;
}
