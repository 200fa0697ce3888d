// Every `utopia` subcommand, in the order `utopia --help` lists them.

import type { CommandRegistration } from '../command';
import { registerBatch } from './batch';
import { registerConfig } from './config';
import { registerIngest } from './ingest';
import { registerLanding } from './landing';
import { registerReference } from './reference';
import { registerRekey } from './rekey';
import { registerReport } from './report';
import { registerServe } from './serve';
import { registerSetup } from './setup';
import { registerSimulate } from './simulate';
import { registerSpeed } from './speed';
import { registerStack } from './stack';
import { registerStart } from './start';
import { registerTopItems } from './top-items';

export const commands: readonly CommandRegistration[] = [
  registerStart,
  registerStack,
  registerSetup,
  registerConfig,
  registerServe,
  registerSpeed,
  registerIngest,
  registerRekey,
  registerSimulate,
  registerReference,
  registerLanding,
  registerBatch,
  registerReport,
  registerTopItems,
];
