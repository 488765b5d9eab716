import { Injectable } from '@nestjs/common';

/** The time the register stamps on entries; tests replace it to cross a year boundary. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
