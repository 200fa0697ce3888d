// Runs the built `utopia` CLI as a user would, capturing its output and exit code.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../common/config';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  const cli = path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
