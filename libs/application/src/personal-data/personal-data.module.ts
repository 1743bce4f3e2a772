import { type DynamicModule, Module } from '@nestjs/common';
import type { HubRuntime } from '../runtime/hub-runtime';
import { ErasePersonalDataHandler } from './erase-personal-data.handler';
import { SUBJECT_KEYS } from './personal-data.tokens';
import { RecordPersonalDataRevealHandler } from './record-personal-data-reveal.handler';

/** Erasure and audited reveals over a started runtime (the keys its store seals with; the clock comes from HubApplicationModule). */
@Module({})
export class PersonalDataModule {
  static forRuntime(runtime: HubRuntime): DynamicModule {
    return {
      module: PersonalDataModule,
      providers: [
        { provide: SUBJECT_KEYS, useValue: runtime.store.keys },
        ErasePersonalDataHandler,
        RecordPersonalDataRevealHandler,
      ],
      exports: [SUBJECT_KEYS],
    };
  }
}
