import { Module } from '@nestjs/common';
import { FormsService } from './forms.service';

/** Validation of form submissions; stateless, no database. */
@Module({
  providers: [FormsService],
  exports: [FormsService],
})
export class FormsModule {}
