// `utopia config`: the effective configuration (validated), or with
// --markdown the table of every variable for the README.

import { describeConfig, loadConfig, settings } from '../../../common/config';
import { UsageError, type Command } from '../command';

function markdownTable(): string {
  const rows = Object.values(settings).map((s) => `| \`${s.env}\` | \`${s.default}\` | ${s.doc} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

export const configCommand: Command = {
  name: 'config',
  summary: 'print the effective configuration (--markdown: the table of variables)',
  usage: 'utopia config [--markdown]',
  async run(args) {
    if (args.length === 1 && args[0] === '--markdown') {
      console.log(markdownTable());
      return 0;
    }
    if (args.length > 0) throw new UsageError(`unknown argument ${JSON.stringify(args[0])}`);
    loadConfig();
    console.log(describeConfig().join('\n'));
    return 0;
  },
};
