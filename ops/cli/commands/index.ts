// Every `utopia` subcommand, in the order `utopia help` lists them.

import type { Command } from '../command';
import { batchCommand } from './batch';
import { configCommand } from './config';
import { ingestCommand } from './ingest';
import { landingCommand } from './landing';
import { referenceCommand } from './reference';
import { rekeyCommand } from './rekey';
import { reportCommand } from './report';
import { serveCommand } from './serve';
import { setupCommand } from './setup';
import { simulateCommand } from './simulate';
import { speedCommand } from './speed';
import { stackCommand } from './stack';
import { topItemsCommand } from './top-items';
import { startCommand } from './start';

export const commands: readonly Command[] = [startCommand, stackCommand, setupCommand, configCommand, serveCommand, speedCommand, ingestCommand, rekeyCommand, simulateCommand, referenceCommand, landingCommand, batchCommand, reportCommand, topItemsCommand];
