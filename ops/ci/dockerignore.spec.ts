import { expect } from 'chai';
import { isIgnored, parseDockerignore } from './dockerignore';

describe('.dockerignore rules (CI replay)', () => {
  const rules = parseDockerignore(
    ['# comment', '.git', 'node_modules', '*.log', '/dist/', '**/.env', 'docs/**', '!docs/keep.md', 'a?c'].join('\n'),
  );

  it('matches from the context root; a matched folder takes its contents along', () => {
    expect(isIgnored(rules, 'node_modules/x/index.js')).to.equal(true);
    expect(isIgnored(rules, 'lib/node_modules/x.js')).to.equal(false);
    expect(isIgnored(rules, '.git/HEAD')).to.equal(true);
    expect(isIgnored(rules, 'dist/a.js')).to.equal(true);
  });

  it('keeps * within one segment and lets ** span segments', () => {
    expect(isIgnored(rules, 'test-output.log')).to.equal(true);
    expect(isIgnored(rules, 'logs/test-output.log')).to.equal(false);
    expect(isIgnored(rules, '.env')).to.equal(true);
    expect(isIgnored(rules, 'docker/deep/.env')).to.equal(true);
    expect(isIgnored(rules, 'abc')).to.equal(true);
    expect(isIgnored(rules, 'abbc')).to.equal(false);
  });

  it('re-includes with ! (the last match wins)', () => {
    expect(isIgnored(rules, 'docs/other.md')).to.equal(true);
    expect(isIgnored(rules, 'docs/keep.md')).to.equal(false);
    expect(isIgnored(rules, 'package.json')).to.equal(false);
  });
});
