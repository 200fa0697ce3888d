// Downloads each service group's jars from Maven Central into <home>/<group>/lib
// with Maven's own resolver (the local ~/.m2 repository is the cache, so a second
// install is a local copy). A marker file holds the pom's hash: editing a pom
// re-installs that group, anything else is skipped.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { errorMessage, StackError } from '../../common/errors';
import type { Logger } from '../../common/log';
import type { JarGroup, StackLayout } from './stack-layout';

const markerName = '.installed';

function pomHash(layout: StackLayout, group: JarGroup): string {
  return crypto
    .createHash('sha256')
    .update(fs.readFileSync(layout.pom(group)))
    .digest('hex');
}

export function jarsInstalled(layout: StackLayout, group: JarGroup): boolean {
  try {
    return fs.readFileSync(path.join(layout.lib(group), markerName), 'utf8').trim() === pomHash(layout, group);
  } catch {
    return false;
  }
}

export async function installJars(layout: StackLayout, group: JarGroup, log: Logger): Promise<void> {
  if (jarsInstalled(layout, group)) return;
  // Without a readable pom there is nothing to install from: fail before touching the jars in place.
  let hash: string;
  try {
    hash = pomHash(layout, group);
  } catch (error) {
    throw new StackError(`cannot read the pom of ${group} (${layout.pom(group)}): ${errorMessage(error)}; the jars in place are kept`);
  }
  // Download beside the jars in place and swap only once Maven succeeded: a failed download leaves them as they were.
  const lib = layout.lib(group);
  const staging = `${lib}.new`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  log.info(`downloading ${group} jars from Maven Central into ${lib} (first run only)`);
  const args = ['-B', '-f', layout.pom(group), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${staging}`];
  const mvnLog = path.join(layout.logDir, `mvn-${group}.log`);
  await runMaven(args, mvnLog, (downloads) => log.info(`${group}: ${downloads} artifacts downloaded so far`));
  const jars = fs.readdirSync(staging).filter((name) => name.endsWith('.jar')).length;
  if (jars === 0) throw new StackError(`Maven copied no jars for ${group}; see ${mvnLog}`);
  fs.writeFileSync(path.join(staging, markerName), hash + '\n');
  fs.rmSync(lib, { recursive: true, force: true });
  fs.renameSync(staging, lib);
  log.info(`${group}: ${jars} jars ready`);
}

function runMaven(args: string[], logFile: string, progress: (downloads: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(logFile);
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let downloads = 0;
    let lastReport = Date.now();
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      out.write(line + '\n');
      if (!line.includes('Downloaded from')) return;
      downloads++;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        progress(downloads);
      }
    });
    child.stderr.pipe(out, { end: false });
    child.once('error', (error) => reject(new StackError(`could not run mvn (is Maven installed?): ${error.message}`)));
    child.once('close', (code) => {
      out.end();
      if (code === 0) resolve();
      else reject(new StackError(`mvn ${args.join(' ')} failed with exit code ${code}; see ${logFile}`));
    });
  });
}
