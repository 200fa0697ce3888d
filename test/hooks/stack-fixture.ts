// Loaded before every test file (.mocharc.json "file"): makes sure the local
// stack runs, so `npm test` works on a fresh clone too. `stack up` is a no-op
// on a running stack. With UTOPIA_LOCAL_STACK=false the tests use the clusters
// configured in the environment instead.

import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/log';
import { createStack } from '../../ops/stack';

before(async function () {
  this.timeout(15 * 60_000);
  const config = loadConfig();
  if (!config.stack.local) return;
  await createStack(config, createLogger('test-stack', 'warn')).up();
});
