// Every `utopia` subcommand, in the order `utopia help` lists them.

import type { Command } from '../command';
import { configCommand } from './config';
import { setupCommand } from './setup';
import { stackCommand } from './stack';
import { startCommand } from './start';

export const commands: readonly Command[] = [startCommand, stackCommand, setupCommand, configCommand];
