// `utopia config`: the effective configuration (validated); --markdown the
// table of every variable for the README; --json the effective values for scripts.

import { describeConfig, loadConfig, settings } from '../../../common/config';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

function markdownTable(): string {
  const rows = Object.values(settings).map((s) => `| \`${s.env}\` | \`${s.default}\` | ${s.doc} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Every variable with its effective value (secrets redacted) and whether it is the default. */
function jsonConfig(env: NodeJS.ProcessEnv = process.env): Record<string, { value: string; default: boolean }> {
  const out: Record<string, { value: string; default: boolean }> = {};
  for (const s of Object.values(settings)) {
    const given = env[s.env];
    out[s.env] = { value: s.secret && given ? '<redacted>' : given || s.default, default: !given };
  }
  return out;
}

export const registerConfig: CommandRegistration = (program, exit) => {
  program
    .command('config')
    .description('print the effective configuration (--markdown: the table of variables; --json: for scripts)')
    .option('--markdown', 'print the README table of every variable, its default and meaning')
    .option('--json', 'print the effective values as a JSON object {VARIABLE: {value, default}}')
    .action(
      exit.action(async (options: { markdown?: boolean; json?: boolean }) => {
        if (options.markdown) {
          console.log(markdownTable());
          return EXIT.ok;
        }
        loadConfig();
        console.log(options.json ? JSON.stringify(jsonConfig(), null, 2) : describeConfig().join('\n'));
        return EXIT.ok;
      }),
    );
};
