import type { Command } from '../command';
import { stackCommand } from './stack';

export const commands: readonly Command[] = [stackCommand];
