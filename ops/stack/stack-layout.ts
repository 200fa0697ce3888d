// Where the local stack keeps its things, all under UTOPIA_HOME (outside git):
//   <home>/<group>/lib        jars copied from Maven Central (group: kafka, hdfs, hbase)
//   <home>/<service>/conf     generated config files
//   <home>/<service>/data     service data (wiped by `stack reset`)
//   <home>/logs/<service>.log one log per service, named in every error
//   <home>/run/<service>.pid  pid of the running JVM

import path from 'node:path';
import { repoRoot } from '../../common/config';

/** hbase-pe: PerformanceEvaluation for the speed benchmark, never started as a service. */
export type JarGroup = 'kafka' | 'hdfs' | 'hbase' | 'hbase-pe';

export interface StackLayout {
  readonly home: string;
  lib(group: JarGroup): string;
  conf(service: string): string;
  data(service: string): string;
  log(service: string): string;
  pidFile(service: string): string;
  readonly runDir: string;
  readonly logDir: string;
  /** The Maven project that lists a group's jars (in the repository). */
  pom(group: JarGroup): string;
  /** Sources shipped with the repository (admin tool). */
  readonly sourceDir: string;
}

export function stackLayout(home: string): StackLayout {
  const sourceDir = path.join(repoRoot, 'ops', 'stack');
  return {
    home,
    lib: (group) => path.join(home, group, 'lib'),
    conf: (service) => path.join(home, service, 'conf'),
    data: (service) => path.join(home, service, 'data'),
    log: (service) => path.join(home, 'logs', `${service}.log`),
    pidFile: (service) => path.join(home, 'run', `${service}.pid`),
    runDir: path.join(home, 'run'),
    logDir: path.join(home, 'logs'),
    pom: (group) => path.join(sourceDir, group, 'pom.xml'),
    sourceDir,
  };
}
