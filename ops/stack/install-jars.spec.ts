import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { StackError } from '../../common/errors';
import { createLogger } from '../../common/log';
import { installJars, jarsInstalled } from './install-jars';
import { stackLayout, type JarGroup, type StackLayout } from './stack-layout';

/** The error installJars rejects with, or undefined when it succeeds. */
function installFailure(layout: StackLayout, group: JarGroup): Promise<unknown> {
  return installJars(
    layout,
    group,
    createLogger('spec', 'error', () => undefined),
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('stack: installJars', () => {
  let home: string;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'utopia-jars-'));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('without a pom, fails with a StackError and leaves the jars in place (a build copied without ops/ must not empty a running service)', async () => {
    const real = stackLayout(home);
    const layout: StackLayout = { ...real, pom: () => path.join(home, 'missing', 'pom.xml') };
    fs.mkdirSync(layout.lib('hbase'), { recursive: true });
    const jar = path.join(layout.lib('hbase'), 'hbase-server.jar');
    fs.writeFileSync(jar, 'jar');
    expect(jarsInstalled(layout, 'hbase')).to.equal(false);

    const error = await installFailure(layout, 'hbase');

    expect(error).to.be.instanceOf(StackError);
    expect((error as Error).message).to.include('missing/pom.xml');
    expect(fs.readFileSync(jar, 'utf8')).to.equal('jar');
  });

  it('with a pom that cannot be read (a folder in its place), fails the same way before touching the jars', async () => {
    const pom = path.join(home, 'unreadable', 'pom.xml');
    fs.mkdirSync(pom, { recursive: true });
    const layout: StackLayout = { ...stackLayout(home), pom: () => pom };
    fs.mkdirSync(layout.lib('kafka'), { recursive: true });
    const jar = path.join(layout.lib('kafka'), 'kafka.jar');
    fs.writeFileSync(jar, 'jar');

    const error = await installFailure(layout, 'kafka');

    expect(error).to.be.instanceOf(StackError);
    expect(fs.readFileSync(jar, 'utf8')).to.equal('jar');
    expect(fs.existsSync(`${layout.lib('kafka')}.new`), 'no staging folder left').to.equal(false);
  });
});
